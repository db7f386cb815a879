import type { LiveStreamInfo } from '../../../../contract/consults/live-frame-types.js';
import type { CallQuality, LadderStep } from '../../../../renderer/components/call/index.js';
import type { CallController, CallView } from './call-controller.js';
import type { FeedCounts, LiveValue } from './live-feed.js';

/**
 * What end-to-end tests and the bench may read of the call on this page: state, modes, the
 * engine's getStats figures and the live values with when they came. Read-only getters over
 * the running call; nothing secret (no ICE credentials, no SDP).
 */
export interface CallProbe {
  readonly consultId: string | null;
  readonly phase: CallView['phase'];
  readonly state: CallView['state'];
  readonly mode: CallView['mode'];
  readonly remoteMode: CallView['remoteMode'];
  quality(): CallQuality | null;
  history(): readonly LadderStep[];
  /** Latest value per kind; `receivedAt` is this page's Date.now() when it came. */
  readonly vitals: Readonly<Record<string, LiveValue>>;
  /** The live ECG stream drawn, and the sequence number after its newest sample. */
  readonly ecg: { readonly stream: LiveStreamInfo; readonly head: number } | null;
  readonly feed: Readonly<FeedCounts>;
  readonly snapshotShown: boolean;
}

let current: CallController | null = null;
let currentId: string | null = null;

const probe: CallProbe = Object.freeze({
  get consultId() {
    return currentId;
  },
  get phase() {
    return current?.view().phase ?? 'idle';
  },
  get state() {
    return current?.view().state ?? null;
  },
  get mode() {
    return current?.view().mode ?? null;
  },
  get remoteMode() {
    return current?.view().remoteMode ?? null;
  },
  quality: () => current?.session()?.quality() ?? current?.view().quality ?? null,
  history: () => current?.session()?.history() ?? [],
  get vitals() {
    return Object.freeze(Object.fromEntries(current?.feed.values ?? []));
  },
  get ecg() {
    const info = current?.feed.ecgInfo() ?? null;
    const ring = current?.feed.ecg() ?? null;
    return info && ring ? { stream: info, head: ring.head } : null;
  },
  get feed() {
    return Object.freeze({ ...(current?.feed.counts ?? { frames: 0, rejected: 0, missed: 0, droppedBatches: 0 }) });
  },
  get snapshotShown() {
    return (current?.view().snapshotUrl ?? null) !== null;
  },
});

/** Makes `window.__cunyiCall` read the given call (null: none on this page). */
export function exposeCall(consultId: string | null, controller: CallController | null): void {
  current = controller;
  currentId = controller ? consultId : null;
  if (!Object.hasOwn(window, '__cunyiCall')) {
    Object.defineProperty(window, '__cunyiCall', {
      value: probe,
      enumerable: false,
      configurable: false,
      writable: false,
    });
  }
}
