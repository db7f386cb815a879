import { useEffect, useState } from 'react';
import type { SessionState, StationApi } from '../../../contract/index.js';

/** The station's session as the core sees it, kept current by subscription. */
export function useSession(station: StationApi): SessionState | null {
  const [state, setState] = useState<SessionState | null>(null);
  useEffect(() => station.auth.sessionChanges({}, setState), [station]);
  return state;
}

const ACTIVITY_EVERY_MS = 30_000;

/** Tells the core the doctor is using the screen, at most every 30 s, so it does not lock. */
export function useActivityHeartbeat(station: StationApi, active: boolean): void {
  useEffect(() => {
    if (!active) return;
    let last = 0;
    const onInput = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_EVERY_MS) return;
      last = now;
      void station.auth.activity({}).catch(() => undefined);
    };
    const events = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;
    for (const event of events) window.addEventListener(event, onInput, { passive: true });
    return () => {
      for (const event of events) window.removeEventListener(event, onInput);
    };
  }, [station, active]);
}
