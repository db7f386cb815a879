import { useEffect, useSyncExternalStore } from 'react';
import { NO_ALERTS, withJoined } from './alert-state.js';
import type { AlertState } from './alert-state.js';

/** The app's one record of calls waiting for the station, as an external store for React. */
export function createAlertStore() {
  let state: AlertState = NO_ALERTS;
  const listeners = new Set<() => void>();
  return {
    /** Applies a change; listeners hear of it only when something changed. */
    update(change: (state: AlertState) => AlertState): void {
      const next = change(state);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: (): AlertState => state,
  };
}

export const callAlerts = createAlertStore();

export function useCallAlerts(): AlertState {
  return useSyncExternalStore(callAlerts.subscribe, callAlerts.getSnapshot);
}

/** Marks a consult's call page as open while the calling component is mounted: it does not ring there. */
export function useJoinedCall(consultId: string): void {
  useEffect(() => {
    callAlerts.update((s) => withJoined(s, consultId));
    return () => callAlerts.update((s) => withJoined(s, s.joined === consultId ? null : s.joined));
  }, [consultId]);
}
