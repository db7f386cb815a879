import { useSyncExternalStore } from 'react';

let connected = true;
const listeners = new Set<() => void>();

/** Whether the page can reach the core (always true under Electron's IPC). */
export const connectionStore = {
  set(up: boolean): void {
    connected = up;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  get: (): boolean => connected,
};

export function useCoreConnected(): boolean {
  return useSyncExternalStore(connectionStore.subscribe, connectionStore.get);
}
