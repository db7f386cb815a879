import { CONSOLE_SOCKET_PATH, HubToConsole } from '../../../server/consults/console-wire.js';
import type { ConsoleToHub } from '../../../server/consults/console-wire.js';
import { reconnectDelay } from './reconnect-schedule.js';

/** How often the console says it is there; the hub drops a socket that stays quiet. */
export const PING_EVERY_MS = 20_000;
/** A socket that has heard nothing for this long is dead even if the browser has not noticed. */
export const SILENT_LIMIT_MS = 2 * PING_EVERY_MS + 5_000;
/** Messages kept while the socket is down (trickled ICE candidates during a hub restart). */
export const MAX_BUFFERED = 256;

export type SocketStatus = 'connecting' | 'open' | 'closed';

/** The part of a browser WebSocket the console uses, so tests can give it a fake one. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  send(data: string): void;
  close(): void;
}

/** What the socket needs from its surroundings: the browser's by default, fakes in tests. */
export interface SocketEnv {
  open(url: string): WebSocketLike;
  setTimer(run: () => void, ms: number): () => void;
  now(): number;
  random(): number;
}

/** The console's WebSocket to the hub, kept open across drops and hub restarts. */
export interface ConsoleSocket {
  /** Sends now, or when the socket is back (pings are not kept). */
  send(message: ConsoleToHub): void;
  /** Every valid message from the hub; returns the way to stop listening. */
  subscribe(listener: (message: HubToConsole) => void): () => void;
  /** Status changes; an `open` after the first means messages may have been missed. */
  onStatus(listener: (status: SocketStatus) => void): () => void;
  status(): SocketStatus;
  /** Connects, and keeps reconnecting until `close()`. */
  start(): void;
  /** Closes and stops reconnecting (sign-out, page gone); `start()` opens it again. */
  close(): void;
}

const OPEN = 1;

/** The socket URL on this page's origin (the session cookie goes along by itself). */
export function consoleSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${CONSOLE_SOCKET_PATH}`;
}

export const browserSocketEnv: SocketEnv = {
  open: (url) => new WebSocket(url),
  setTimer: (run, ms) => {
    const id = setTimeout(run, ms);
    return () => clearTimeout(id);
  },
  now: () => Date.now(),
  random: () => Math.random(),
};

/** Parses one text frame from the hub; anything else (or a shape this console does not know) is null. */
export function parseHubMessage(data: unknown): HubToConsole | null {
  if (typeof data !== 'string') return null;
  try {
    const parsed = HubToConsole.safeParse(JSON.parse(data));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A socket that, once started, stays open until `close()`, retrying on the reconnect schedule. */
export function createConsoleSocket(url: string, env: SocketEnv = browserSocketEnv): ConsoleSocket {
  const listeners = new Set<(message: HubToConsole) => void>();
  const statusListeners = new Set<(status: SocketStatus) => void>();
  const buffered: string[] = [];
  let socket: WebSocketLike | null = null;
  let current: SocketStatus = 'closed';
  let attempt = 0;
  let stopped = true;
  let lastHeard = 0;
  let cancelTimer: (() => void) | null = null;

  const setStatus = (next: SocketStatus) => {
    if (next === current) return;
    current = next;
    for (const listener of statusListeners) listener(next);
  };

  const clearTimer = () => {
    cancelTimer?.();
    cancelTimer = null;
  };

  // One timer at a time: the ping-and-liveness tick while open, the retry while closed.
  const tick = () => {
    cancelTimer = null;
    const ws = socket;
    if (!ws || ws.readyState !== OPEN) return;
    if (env.now() - lastHeard > SILENT_LIMIT_MS) {
      drop(ws);
      return;
    }
    ws.send(JSON.stringify({ t: 'ping' } satisfies ConsoleToHub));
    cancelTimer = env.setTimer(tick, PING_EVERY_MS);
  };

  const drop = (ws: WebSocketLike) => {
    if (ws !== socket) return;
    ws.onopen = ws.onclose = ws.onerror = ws.onmessage = null;
    socket = null;
    ws.close();
    clearTimer();
    if (stopped) return;
    setStatus('closed');
    cancelTimer = env.setTimer(connect, reconnectDelay(attempt++, env.random));
  };

  const connect = () => {
    cancelTimer = null;
    if (stopped) return;
    setStatus('connecting');
    let ws: WebSocketLike;
    try {
      ws = env.open(url);
    } catch {
      setStatus('closed');
      cancelTimer = env.setTimer(connect, reconnectDelay(attempt++, env.random));
      return;
    }
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      lastHeard = env.now();
      for (const data of buffered.splice(0)) ws.send(data);
      setStatus('open');
      clearTimer();
      cancelTimer = env.setTimer(tick, PING_EVERY_MS);
    };
    ws.onmessage = (event) => {
      lastHeard = env.now();
      const message = parseHubMessage(event.data);
      if (message) for (const listener of listeners) listener(message);
    };
    ws.onclose = () => drop(ws);
    ws.onerror = () => drop(ws);
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      attempt = 0;
      connect();
    },
    send(message) {
      const data = JSON.stringify(message);
      if (socket && socket.readyState === OPEN) socket.send(data);
      else if (message.t !== 'ping' && buffered.length < MAX_BUFFERED) buffered.push(data);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    status: () => current,
    close() {
      stopped = true;
      clearTimer();
      buffered.length = 0;
      if (socket) drop(socket);
      setStatus('closed');
    },
  };
}
