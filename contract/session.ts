import type { CallContext, Unsubscribe } from './define.js';
import type { Dispatcher } from './dispatcher.js';
import { StationError } from './errors.js';
import type { ClientMessage, Result, ServerMessage } from './wire.js';

/** More than this many live subscriptions on one connection is a runaway page, not a screen. */
export const MAX_SUBSCRIPTIONS = 64;

/** A serving session: feeds parsed client messages to the dispatcher, posts what comes back. */
export interface Session {
  handle(message: ClientMessage): void;
  /** Ends every subscription of the connection. */
  close(): void;
}

function errorResult(code: StationError['code']): Result {
  return { ok: false, error: new StationError(code).toShape() };
}

/** Best effort to echo a request id back, so a client can match an error to its request. */
export function requestIdOf(raw: unknown): number | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/** The reply to a message that did not match the envelope schema. */
export function malformedReply(raw: unknown): ServerMessage {
  return { t: 'result', id: requestIdOf(raw), result: errorResult('malformed_message') };
}

/**
 * One connection's side of the call protocol, whatever carries it (the browser shell's socket,
 * the Electron core process's port): calls, subscriptions and their clean-up.
 */
export function createSession(
  dispatcher: Dispatcher,
  post: (message: ServerMessage) => void,
  ctx: CallContext,
): Session {
  const subscriptions = new Map<number, Unsubscribe>();
  return {
    handle(message) {
      switch (message.t) {
        case 'call':
          void dispatcher
            .call(message.channel, message.input, ctx)
            .then((result) => post({ t: 'result', id: message.id, result }));
          return;
        case 'subscribe': {
          const id = message.id;
          if (subscriptions.has(id) || subscriptions.size >= MAX_SUBSCRIPTIONS) {
            post({ t: 'result', id, result: errorResult('invalid_input') });
            return;
          }
          const result = dispatcher.subscribe(
            message.channel,
            message.input,
            (value) => post({ t: 'event', id, value }),
            ctx,
          );
          if (result.ok) subscriptions.set(id, result.value);
          post({ t: 'result', id, result: result.ok ? { ok: true, value: null } : result });
          return;
        }
        case 'unsubscribe':
          subscriptions.get(message.id)?.();
          subscriptions.delete(message.id);
          return;
      }
    },
    close() {
      for (const unsubscribe of subscriptions.values()) unsubscribe();
      subscriptions.clear();
    },
  };
}
