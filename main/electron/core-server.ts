import type { Unsubscribe } from '../../contract/define.js';
import { StationError } from '../../contract/errors.js';
import type { Result } from '../../contract/wire.js';
import type { Core } from '../core.js';
import { ToCore } from './core-messages.js';
import type { CoreStartOptions, FromCore } from './core-messages.js';

/** Electron's `process.parentPort` as the core process uses it; typed here so no electron import is needed. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

const ctx = { via: 'ipc' } as const;

function idOf(raw: unknown): number | null {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * The core process's side of the relay: starts the core when main says so, then answers
 * relayed calls and subscriptions through the dispatcher, which parses every input again.
 * Messages that arrive before the core is up wait for it, in order.
 */
export function serveCore(
  port: ParentPortLike,
  start: (options: CoreStartOptions) => Promise<Core>,
  onStopped: () => void,
): void {
  let started = false;
  let resolveCore: (core: Core) => void = () => undefined;
  let rejectCore: (error: unknown) => void = () => undefined;
  const core = new Promise<Core>((resolve, reject) => {
    resolveCore = resolve;
    rejectCore = reject;
  });
  // Failure is reported once through 'failed'; later calls answer with an error result.
  core.catch(() => undefined);
  const subscriptions = new Map<number, Unsubscribe>();
  const post = (message: FromCore): void => port.postMessage(message);
  const unavailable = (): Result => ({ ok: false, error: new StationError('store_unavailable').toShape() });

  port.on('message', ({ data }) => {
    const parsed = ToCore.safeParse(data);
    if (!parsed.success) {
      post({
        t: 'result',
        id: idOf(data),
        result: { ok: false, error: new StationError('malformed_message').toShape() },
      });
      return;
    }
    const message = parsed.data;
    switch (message.t) {
      case 'start':
        if (started) return;
        started = true;
        start(message.options).then(
          (running) => {
            resolveCore(running);
            post({ t: 'ready', stationId: running.info.stationId });
          },
          (error: unknown) => {
            rejectCore(error);
            post({ t: 'failed', message: error instanceof Error ? error.message : String(error) });
          },
        );
        return;
      case 'stop':
        for (const unsubscribe of subscriptions.values()) unsubscribe();
        subscriptions.clear();
        void core
          .then((running) => running.close())
          .catch(() => undefined)
          .finally(onStopped);
        return;
      case 'call':
        void core
          .then((running) => running.dispatcher.call(message.channel, message.input, ctx), unavailable)
          .then((result) => post({ t: 'result', id: message.id, result }));
        return;
      case 'subscribe':
        void core.then(
          (running) => {
            const id = message.id;
            const result = running.dispatcher.subscribe(
              message.channel,
              message.input,
              (value) => post({ t: 'event', id, value }),
              ctx,
            );
            if (result.ok) subscriptions.set(id, result.value);
            post({ t: 'result', id, result: result.ok ? { ok: true, value: null } : result });
          },
          () => post({ t: 'result', id: message.id, result: unavailable() }),
        );
        return;
      case 'unsubscribe':
        // Same queue as 'subscribe', so an unsubscribe never overtakes the subscribe it ends.
        void core.then(
          () => {
            subscriptions.get(message.id)?.();
            subscriptions.delete(message.id);
          },
          () => undefined,
        );
        return;
    }
  });
}
