import { StationError } from '../../contract/errors.js';
import { createSession, malformedReply } from '../../contract/session.js';
import type { Session } from '../../contract/session.js';
import type { Result } from '../../contract/wire.js';
import type { Core } from '../core.js';
import { ToCore } from './core-messages.js';
import type { CoreStartOptions, FromCore } from './core-messages.js';

/** Electron's `process.parentPort` as the core process uses it; typed here so no electron import is needed. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
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
  const post = (message: FromCore): void => port.postMessage(message);
  // Every relayed message waits on this one promise, so they reach the session in order.
  const session: Promise<Session> = core.then((running) => createSession(running.dispatcher, post, { via: 'ipc' }));
  session.catch(() => undefined);
  const unavailable = (): Result => ({ ok: false, error: new StationError('store_unavailable').toShape() });

  port.on('message', ({ data }) => {
    const parsed = ToCore.safeParse(data);
    if (!parsed.success) {
      post(malformedReply(data));
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
        void session
          .then((running) => running.close())
          .catch(() => undefined)
          .then(() => core)
          .then((running) => running.close())
          .catch(() => undefined)
          .finally(onStopped);
        return;
      case 'call':
      case 'subscribe':
        void session.then(
          (running) => running.handle(message),
          () => post({ t: 'result', id: message.id, result: unavailable() }),
        );
        return;
      case 'unsubscribe':
        void session.then(
          (running) => running.handle(message),
          () => undefined,
        );
        return;
    }
  });
}
