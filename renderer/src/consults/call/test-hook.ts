import type { CallMode, CallQuality } from '../../../components/call/index.js';
import type { CallPhase } from './call-view.js';

/**
 * What end-to-end tests may read of the call on this page: read-only, no signaling, no ICE
 * servers or TURN credentials, nothing about the patient.
 */
export interface CallProbe {
  readonly consultId: string;
  /** connecting, connected, reconnecting, ended (or starting, before the first session). */
  readonly state: CallPhase;
  /** The mode this side sends in. */
  readonly mode: CallMode | null;
  /** The mode the specialist's side says it sends in. */
  readonly remoteMode: CallMode | null;
  /** Whether the specialist's console is in the call, as the hub last said. */
  readonly peer: 'unknown' | 'joined' | 'left';
  /** The hub link as the core last said. */
  readonly hubOnline: boolean;
  /** From the engine's getStats() reading each second: frames decoded, sizes, rates. */
  quality(): CallQuality | null;
}

declare global {
  interface Window {
    /** The call page's probe for end-to-end tests (Playwright reads it with page.evaluate). */
    __cunyiCall?: CallProbe;
  }
}

/** Puts the probe on window while a call page is open; returns its removal. */
export function exposeCallProbe(probe: CallProbe): () => void {
  const frozen = Object.freeze(probe);
  Object.defineProperty(window, '__cunyiCall', {
    value: frozen,
    configurable: true,
    enumerable: false,
    writable: false,
  });
  return () => {
    if (window.__cunyiCall === frozen) delete window.__cunyiCall;
  };
}
