import { SignalData } from '../../../../contract/index.js';
import type { CallSignal } from '../../../components/call/index.js';

/**
 * The call engine's signaling as the contract carries it, or null for anything the contract
 * would refuse (the core checks it field by field too, so it would never arrive anyway).
 */
export function toWire(signal: CallSignal): SignalData | null {
  const parsed = SignalData.safeParse(signal);
  return parsed.success ? parsed.data : null;
}

/**
 * Signaling from the specialist's side as the engine takes it. simple-peer never makes a
 * `pranswer` or `rollback`, so one arriving is not from a call engine and is dropped.
 */
export function fromWire(data: SignalData): CallSignal | null {
  switch (data.type) {
    case 'offer':
    case 'answer':
      return { type: data.type, sdp: data.sdp };
    case 'candidate':
      return { type: 'candidate', candidate: { ...data.candidate } };
    case 'renegotiate':
      return { type: 'renegotiate', renegotiate: true };
    case 'transceiverRequest':
      return {
        type: 'transceiverRequest',
        transceiverRequest: {
          kind: data.transceiverRequest.kind,
          ...(data.transceiverRequest.init ? { init: data.transceiverRequest.init as RTCRtpTransceiverInit } : {}),
        },
      };
    case 'pranswer':
    case 'rollback':
      return null;
  }
}
