import { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream';
import WebSocket from 'ws';
import { HUB_MAX_MESSAGE_BYTES, HUB_PROTOCOL_VERSION, HubToStation } from '../../contract/hub-wire.js';
import type { StationToHub } from '../../contract/hub-wire.js';
import type { HubState } from '../../contract/station.js';
import { HubRefusalBody } from '../../contract/sync/wire.js';
import type { Logger } from '../logger.js';

export interface HubLinkOptions {
  hubUrl: string;
  stationId: string;
  appVersion: string;
  logger: Logger;
  /** Called with the hub's time on every successful contact (welcome or pong). */
  onContact: (at: string) => void;
  /**
   * Signs the upgrade request of each connection attempt (a fresh time and nonce every time:
   * the hub refuses a nonce it has seen). Without it the upgrade goes unsigned.
   */
  sign?: (request: { method: 'GET'; path: string }) => Record<string, string>;
  pingEveryMs?: number;
  /** Backoff before reconnect attempt n (0-based), before jitter. */
  backoffMs?: (attempt: number) => number;
  /**
   * Least backoff, before jitter, after the hub refused the station (not enrolled yet,
   * revoked, clock off): asking again soon will not change the answer. `retryNow()` cuts it short.
   */
  refusedRetryMs?: number;
}

/** What the hub says on the socket besides the link's own bookkeeping: nudges and call signaling. */
export type LiveHubMessage = Extract<HubToStation, { t: 'nudge' | 'signal' | 'peer' | 'signal_refused' }>;

interface HubLinkEvents {
  state: [HubState];
  live: [LiveHubMessage];
}

/** Emits 'state' with the new HubState whenever the link changes, and 'live' for live messages. */
export interface HubLink extends EventEmitter<HubLinkEvents> {
  readonly state: HubState;
  /** Sends call signaling now; false when the link is down (nothing is queued: signaling goes stale). */
  sendLive(message: Extract<StationToHub, { t: 'signal' }>): boolean;
  /** Reconnects at once rather than after the backoff, e.g. once the station has enrolled. */
  retryNow(): void;
  close(): void;
}

const defaultBackoff = (attempt: number): number => Math.min(5_000, 250 * 2 ** attempt);
/** How much of a refusal's body is read: a HubRefusalBody is far smaller. */
const REFUSAL_READ_LIMIT = 4096;

function socketUrl(hubUrl: string): URL {
  const url = new URL('/ws/station', hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

/** Reads a refused upgrade's answer: the hub's refusal code, or null for anything else (a proxy's 502). */
function readRefusal(response: IncomingMessage, done: (refusal: string | null) => void): void {
  let text = '';
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    if (text.length < REFUSAL_READ_LIMIT) text += chunk;
  });
  finished(response, () => {
    const status = response.statusCode ?? 0;
    const body = HubRefusalBody.safeParse(safeJson(text));
    done(status >= 400 && status < 500 && body.success ? body.data.error : null);
  });
}

/**
 * Keeps one signed socket open to the hub: says hello, pings, and reconnects with exponential
 * backoff and jitter. A refusal is logged once per change, not on every retry.
 */
export function connectHub(options: HubLinkOptions): HubLink {
  const backoff = options.backoffMs ?? defaultBackoff;
  const pingEveryMs = options.pingEveryMs ?? 15_000;
  const refusedRetryMs = options.refusedRetryMs ?? 60_000;
  const emitter = new EventEmitter<HubLinkEvents>();
  let state: HubState = 'connecting';
  let attempt = 0;
  let closed = false;
  let socket: WebSocket | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;
  let lastHeard = 0;
  /** Whether the attempt that just ended was refused by the hub rather than failing to reach it. */
  let refused = false;
  /** The refusal last logged at warn; repeats of it go to debug. */
  let lastRefusal: string | null = null;
  /** retryNow() came while an attempt was in flight: if that attempt fails, try again at once. */
  let retrySoon = false;

  function setState(next: HubState): void {
    if (next === state) return;
    state = next;
    emitter.emit('state', next);
  }

  function send(ws: WebSocket, message: StationToHub): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
  }

  function noteRefusal(refusal: string): void {
    refused = true;
    if (refusal === lastRefusal) options.logger.debug({ refusal }, 'hub refused the station again');
    else options.logger.warn({ refusal }, 'hub refused the station');
    lastRefusal = refusal;
  }

  function scheduleRetry(): void {
    if (closed) return;
    // Equal jitter: never sooner than half the backoff, so a dead hub is not hammered, but
    // spread enough that a village's stations do not all reconnect in the same second.
    const ceiling = refused ? Math.max(refusedRetryMs, backoff(attempt++)) : backoff(attempt++);
    const delay = ceiling / 2 + Math.random() * (ceiling / 2);
    retryTimer = setTimeout(open, delay);
  }

  function open(): void {
    refused = false;
    const url = socketUrl(options.hubUrl);
    const headers = options.sign?.({ method: 'GET', path: url.pathname + url.search }) ?? {};
    const ws = new WebSocket(url, { maxPayload: HUB_MAX_MESSAGE_BYTES, handshakeTimeout: 10_000, headers });
    socket = ws;
    ws.on('unexpected-response', (_request, response) =>
      readRefusal(response, (refusal) => {
        if (refusal) noteRefusal(refusal);
        else options.logger.debug({ status: response.statusCode }, 'hub socket upgrade failed');
        ws.terminate();
      }),
    );
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
      if (message.t === 'nudge' || message.t === 'signal' || message.t === 'peer' || message.t === 'signal_refused') {
        emitter.emit('live', message);
        return;
      }
      if (message.t === 'refused') {
        noteRefusal(message.reason);
        ws.close();
        return;
      }
      if (message.t === 'welcome') {
        attempt = 0;
        retrySoon = false;
        if (lastRefusal !== null) options.logger.info('hub accepts the station again');
        lastRefusal = null;
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
      if (retrySoon) {
        retrySoon = false;
        open();
      } else scheduleRetry();
    });
  }

  function retryNow(): void {
    if (closed) return;
    attempt = 0;
    if (socket?.readyState === WebSocket.CONNECTING) retrySoon = true;
    if (socket) return;
    clearTimeout(retryTimer);
    open();
  }

  open();

  return Object.defineProperties(emitter, {
    state: { get: () => state, enumerable: true },
    retryNow: { value: retryNow },
    sendLive: {
      value: (message: Extract<StationToHub, { t: 'signal' }>) => {
        if (state !== 'online' || socket?.readyState !== WebSocket.OPEN) return false;
        send(socket, message);
        return true;
      },
    },
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
