import { createContext, useContext, useEffect, useLayoutEffect, useRef, useSyncExternalStore } from 'react';
import type { ConsoleMe, HubToConsole } from '../../../server/consults/console-wire.js';
import type { ConsoleClient } from './console-client.js';
import type { ConsoleSocket, SocketStatus } from './console-socket.js';

export const ConsoleClientContext = createContext<ConsoleClient | null>(null);
export const ConsoleSocketContext = createContext<ConsoleSocket | null>(null);

/** Who is signed in, and how a page that changed it (availability) tells the rest. */
export const MeContext = createContext<{ me: ConsoleMe; setMe: (me: ConsoleMe) => void } | null>(null);

/** The specialist API client of this console page. */
export function useConsoleClient(): ConsoleClient {
  const client = useContext(ConsoleClientContext);
  if (!client) throw new Error('useConsoleClient outside ConsoleClientContext');
  return client;
}

/** The signed-in user. */
export function useMe(): { me: ConsoleMe; setMe: (me: ConsoleMe) => void } {
  const value = useContext(MeContext);
  if (!value) throw new Error('useMe outside MeContext');
  return value;
}

/** The hub socket, or null where the user is not a specialist. */
export function useConsoleSocket(): ConsoleSocket | null {
  return useContext(ConsoleSocketContext);
}

/** Calls `listener` with every message from the hub while mounted (always the latest listener). */
export function useHubMessages(listener: (message: HubToConsole) => void): void {
  const socket = useConsoleSocket();
  const latest = useRef(listener);
  useLayoutEffect(() => {
    latest.current = listener;
  });
  useEffect(() => socket?.subscribe((message) => latest.current(message)), [socket]);
}

const noSocket = () => () => undefined;

/** The socket's status; also calls `onReconnected` whenever it opens again after a drop. */
export function useSocketStatus(onReconnected?: () => void): SocketStatus {
  const socket = useConsoleSocket();
  const status = useSyncExternalStore(
    socket ? (listener) => socket.onStatus(listener) : noSocket,
    () => socket?.status() ?? 'closed',
  );
  const latest = useRef(onReconnected);
  useLayoutEffect(() => {
    latest.current = onReconnected;
  });
  useEffect(() => {
    if (!socket) return;
    let dropped = false;
    return socket.onStatus((next) => {
      if (next === 'closed') dropped = true;
      if (next === 'open' && dropped) {
        dropped = false;
        latest.current?.();
      }
    });
  }, [socket]);
  return status;
}
