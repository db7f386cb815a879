import type { Unsubscribe } from './define.js';
import { StationError } from './errors.js';
import type { StationErrorShape } from './errors.js';
import type { ClientTransport } from './client.js';
import { ServerMessage } from './wire.js';
import type { ClientMessage, Result } from './wire.js';

/** The part of the WebSocket API the client uses; the browser's and `ws`'s both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export type SocketFactory = () => SocketLike;

interface Subscription {
  channel: string;
  input: unknown;
  onEvent: (value: unknown) => void;
  onError: (error: StationErrorShape) => void;
}

const OPEN = 1;
const disconnected = (): Result => ({ ok: false, error: new StationError('disconnected').toShape() });

/**
 * A client transport over one WebSocket. Calls made while the socket is down fail at once with
 * `disconnected`; subscriptions are renewed whenever the socket comes back.
 */
export function createSocketTransport(
  connect: SocketFactory,
  options: { retryMs?: (attempt: number) => number; onConnection?: (up: boolean) => void } = {},
): ClientTransport & { close(): void } {
  const retryMs = options.retryMs ?? ((attempt) => Math.min(5000, 250 * 2 ** attempt));
  const pending = new Map<number, (result: Result) => void>();
  const subscriptions = new Map<number, Subscription>();
  let nextId = 1;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let closed = false;
  let ready: Promise<void>;
  let markReady: () => void = () => undefined;

  function send(message: ClientMessage): void {
    socket?.send(JSON.stringify(message));
  }

  function open(): void {
    ready = new Promise((resolve) => (markReady = resolve));
    const ws = connect();
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      options.onConnection?.(true);
      for (const [id, sub] of subscriptions) send({ t: 'subscribe', id, channel: sub.channel, input: sub.input });
      markReady();
    };
    ws.onmessage = (ev) => handle(ev.data);
    ws.onerror = () => undefined;
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      options.onConnection?.(false);
      for (const resolve of pending.values()) resolve(disconnected());
      pending.clear();
      if (!closed) setTimeout(open, retryMs(attempt++));
    };
  }

  function handle(data: unknown): void {
    let message: ServerMessage;
    try {
      message = ServerMessage.parse(JSON.parse(String(data)));
    } catch {
      return;
    }
    if (message.t === 'result') {
      if (message.id === null) return;
      const resolve = pending.get(message.id);
      pending.delete(message.id);
      if (resolve) resolve(message.result as Result);
      const sub = subscriptions.get(message.id);
      if (sub && !message.result.ok) {
        subscriptions.delete(message.id);
        sub.onError(message.result.error);
      }
      return;
    }
    subscriptions.get(message.id)?.onEvent(message.value);
  }

  open();

  return {
    async call(channel, input) {
      if (socket?.readyState !== OPEN) await Promise.race([ready, new Promise((r) => setTimeout(r, 2000))]);
      if (socket?.readyState !== OPEN) return disconnected();
      const id = nextId++;
      return new Promise<Result>((resolve) => {
        pending.set(id, resolve);
        send({ t: 'call', id, channel, input });
      });
    },
    subscribe(channel, input, onEvent, onError): Unsubscribe {
      const id = nextId++;
      subscriptions.set(id, { channel, input, onEvent, onError });
      if (socket?.readyState === OPEN) send({ t: 'subscribe', id, channel, input });
      return () => {
        if (subscriptions.delete(id) && socket?.readyState === OPEN) send({ t: 'unsubscribe', id });
      };
    },
    close() {
      closed = true;
      socket?.close(1000);
    },
  };
}
