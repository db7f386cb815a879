import type WebSocket from 'ws';
import type { Dispatcher } from '../../contract/dispatcher.js';
import type { Unsubscribe } from '../../contract/define.js';
import { StationError } from '../../contract/errors.js';
import { ClientMessage } from '../../contract/wire.js';
import type { Result, ServerMessage } from '../../contract/wire.js';

/** More than this many live subscriptions on one socket is a runaway page, not a real screen. */
const MAX_SUBSCRIPTIONS = 64;

function errorResult(error: StationError): Result {
  return { ok: false, error: error.toShape() };
}

/** Best effort to echo a request id back, so a client can match an error to its request. */
function idOf(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const id = (raw as { id?: unknown }).id;
  return Number.isSafeInteger(id) && (id as number) >= 0 ? (id as number) : null;
}

/**
 * Serves one authenticated socket: every message is parsed with the contract's envelope schema
 * and every call goes through the dispatcher, which parses its input.
 */
export function serveSocket(socket: WebSocket, dispatcher: Dispatcher): void {
  const subscriptions = new Map<number, Unsubscribe>();
  const ctx = { via: 'websocket' } as const;

  function send(message: ServerMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  }

  socket.on('message', (data, isBinary) => {
    let raw: unknown;
    try {
      raw = isBinary ? undefined : (JSON.parse(String(data)) as unknown);
    } catch {
      raw = undefined;
    }
    const parsed = ClientMessage.safeParse(raw);
    if (!parsed.success) {
      send({ t: 'result', id: idOf(raw), result: errorResult(new StationError('malformed_message')) });
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'call':
        void dispatcher
          .call(message.channel, message.input, ctx)
          .then((result) => send({ t: 'result', id: message.id, result }));
        return;
      case 'subscribe': {
        if (subscriptions.has(message.id) || subscriptions.size >= MAX_SUBSCRIPTIONS) {
          send({ t: 'result', id: message.id, result: errorResult(new StationError('invalid_input')) });
          return;
        }
        const id = message.id;
        const result = dispatcher.subscribe(
          message.channel,
          message.input,
          (value) => send({ t: 'event', id, value }),
          ctx,
        );
        if (result.ok) subscriptions.set(id, result.value);
        send({ t: 'result', id, result: result.ok ? { ok: true, value: null } : result });
        return;
      }
      case 'unsubscribe':
        subscriptions.get(message.id)?.();
        subscriptions.delete(message.id);
        return;
    }
  });

  socket.on('close', () => {
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  });
}
