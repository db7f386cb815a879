import type { CallMode, CallQuality, CallState } from '../../../components/call/index.js';

/** Where the station's side of a call stands, as the call page says it. */
export type CallPhase = 'starting' | 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** Why a call page shows `ended`. */
export type EndReason = 'hung-up' | 'consult-closed' | 'peer-gone' | 'failed';

/** Everything the call page draws. */
export interface CallView {
  readonly phase: CallPhase;
  readonly endReason: EndReason | null;
  /** The mode this side sends in (the ladder's rung), null before the call has one. */
  readonly mode: CallMode | null;
  /** The mode the specialist's side says it sends in. */
  readonly remoteMode: CallMode | null;
  readonly remoteStream: MediaStream | null;
  /** The specialist's latest still while their side is audio-only. */
  readonly snapshotUrl: string | null;
  /** Whether the specialist's console is in the call, as the hub last said. */
  readonly peer: 'unknown' | 'joined' | 'left';
  /** The hub link: signaling waits while it is down; media may carry on. */
  readonly hubOnline: boolean;
  readonly quality: CallQuality | null;
  /** When the call first connected (ms), for the clock on the page. */
  readonly connectedAt: number | null;
}

export const INITIAL_VIEW: CallView = {
  phase: 'starting',
  endReason: null,
  mode: null,
  remoteMode: null,
  remoteStream: null,
  snapshotUrl: null,
  peer: 'unknown',
  hubOnline: true,
  quality: null,
  connectedAt: null,
};

/** The page's phase for an engine state; closed and failed both end what this session was. */
export function phaseOf(state: CallState): CallPhase {
  switch (state) {
    case 'connecting':
      return 'connecting';
    case 'connected':
      return 'connected';
    case 'reconnecting':
      return 'reconnecting';
    case 'closed':
    case 'failed':
      return 'ended';
  }
}
