import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { HUB_MAX_MESSAGE_BYTES, HUB_PROTOCOL_VERSION, HubToStation } from '../../contract/hub-wire.js';
import type { StationToHub } from '../../contract/hub-wire.js';
import type { HubState } from '../../contract/station.js';
import type { Logger } from '../logger.js';

export interface HubLinkOptions {
  hubUrl: string;
  stationId: string;
  appVersion: string;
  logger: Logger;
  /** Called with the hub's time on every successful contact (welcome or pong). */
  onContact: (at: string) => void;
  pingEveryMs?: number;
  /** Backoff before reconnect attempt n (0-based), before jitter. */
  backoffMs?: (attempt: number) => number;
}

/** Emits 'state' with the new HubState whenever the link changes. */
export interface HubLink extends EventEmitter<{ state: [HubState] }> {
  readonly state: HubState;
  close(): void;
}

const defaultBackoff = (attempt: number): number => Math.min(5_000, 250 * 2 ** attempt);

function socketUrl(hubUrl: string): string {
  const url = new URL('/ws/station', hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/**
 * Keeps one socket open to the hub: says hello, pings, and reconnects with exponential backoff
 * and jitter.
 */
export function connectHub(options: HubLinkOptions): HubLink {
  const backoff = options.backoffMs ?? defaultBackoff;
  const pingEveryMs = options.pingEveryMs ?? 15_000;
  const emitter = new EventEmitter<{ state: [HubState] }>();
  let state: HubState = 'connecting';
  let attempt = 0;
  let closed = false;
  let socket: WebSocket | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let lastHeard = 0;

  function setState(next: HubState): void {
    if (next === state) return;
    state = next;
    emitter.emit('state', next);
  }

  function send(ws: WebSocket, message: StationToHub): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  function scheduleRetry(): void {
    if (closed) return;
    // Equal jitter: never sooner than half the backoff, so a dead hub is not hammered, but
    // spread enough that a village's stations do not all reconnect in the same second.
    const ceiling = backoff(attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    retryTimer = setTimeout(open, delay);
  }

  function open(): void {
    const ws = new WebSocket(socketUrl(options.hubUrl), {
      maxPayload: HUB_MAX_MESSAGE_BYTES,
      handshakeTimeout: 10_000,
    });
    socket = ws;
    ws.on('open', () => {
      send(ws, {
        t: 'hello',
        protocol: HUB_PROTOCOL_VERSION,
        stationId: options.stationId,
        appVersion: options.appVersion,
      });
    });
    ws.on('message', (data) => {
      lastHeard = Date.now();
      const parsed = HubToStation.safeParse(safeJson(String(data)));
      if (!parsed.success) {
        options.logger.warn('hub sent a message that does not match the contract');
        return;
      }
      const message = parsed.data;
      if (message.t === 'refused') {
        options.logger.warn({ reason: message.reason }, 'hub refused the station');
        ws.close();
        return;
      }
      if (message.t === 'welcome') {
        attempt = 0;
        setState('online');
        clearInterval(pingTimer);
        pingTimer = setInterval(() => {
          // A link that died without a FIN (a 4G drop) sends nothing back: give up on it after
          // two silent ping periods instead of waiting for TCP to notice.
          if (Date.now() - lastHeard > 2 * pingEveryMs) ws.terminate();
          else send(ws, { t: 'ping', at: new Date().toISOString() });
        }, pingEveryMs);
      }
      options.onContact(message.hubTime);
    });
    ws.on('error', (error) => options.logger.debug({ err: error.message }, 'hub socket error'));
    ws.on('close', () => {
      clearInterval(pingTimer);
      if (socket !== ws) return;
      socket = null;
      if (closed) return;
      setState('offline');
      scheduleRetry();
    });
  }

  open();

  return Object.defineProperties(emitter, {
    state: { get: () => state, enumerable: true },
    close: {
      value: () => {
        closed = true;
        clearTimeout(retryTimer);
        clearInterval(pingTimer);
        socket?.close();
        socket = null;
      },
    },
  }) as HubLink;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
