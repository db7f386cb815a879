import type { ClientTransport } from '../../contract/client.js';
import type { Unsubscribe } from '../../contract/define.js';
import { StationError } from '../../contract/errors.js';
import type { StationErrorShape } from '../../contract/errors.js';
import type { Result } from '../../contract/wire.js';
import { FromCore } from './core-messages.js';
import type { CoreStartOptions, ToCore } from './core-messages.js';

/** The utility process as the main side uses it (UtilityProcess fits; tests pass a fake). */
export interface CorePort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
}

/** How the core start went: its station id, or why it failed. */
export type CoreStarted = { ok: true; stationId: string } | { ok: false; message: string };

/** The main process's handle on the core: a contract transport plus its lifecycle. */
export interface CoreClient extends ClientTransport {
  /** Settles once the core reports it is up or failed (or exits first). */
  readonly started: Promise<CoreStarted>;
  /** Settles when the core process has exited, with its exit code. */
  readonly exited: Promise<number>;
  start(options: CoreStartOptions): void;
  stop(): void;
}

interface Subscription {
  onEvent: (value: unknown) => void;
  onError: (error: StationErrorShape) => void;
}

const disconnected = (): StationErrorShape => new StationError('disconnected').toShape();

/**
 * Talks to the core over its utility-process port with the contract's envelopes. When the core
 * exits, every pending call and live subscription ends with `disconnected` rather than hanging.
 */
export function createCoreClient(port: CorePort): CoreClient {
  const pending = new Map<number, (result: Result) => void>();
  const subscriptions = new Map<number, Subscription>();
  let nextId = 1;
  let gone = false;
  let settleStarted: (started: CoreStarted) => void = () => undefined;
  const started = new Promise<CoreStarted>((resolve) => (settleStarted = resolve));
  let settleExited: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => (settleExited = resolve));
  const post = (message: ToCore): void => port.postMessage(message);

  port.on('message', (raw) => {
    const parsed = FromCore.safeParse(raw);
    if (!parsed.success) return;
    const message = parsed.data;
    switch (message.t) {
      case 'ready':
        settleStarted({ ok: true, stationId: message.stationId });
        return;
      case 'failed':
        settleStarted({ ok: false, message: message.message });
        return;
      case 'event':
        subscriptions.get(message.id)?.onEvent(message.value);
        return;
      case 'result': {
        if (message.id === null) return;
        const resolve = pending.get(message.id);
        if (resolve) {
          pending.delete(message.id);
          resolve(message.result as Result);
          return;
        }
        const sub = subscriptions.get(message.id);
        if (sub && !message.result.ok) {
          subscriptions.delete(message.id);
          sub.onError(message.result.error);
        }
        return;
      }
    }
  });

  port.on('exit', (code) => {
    gone = true;
    settleStarted({ ok: false, message: `the core process exited (${code})` });
    for (const resolve of pending.values()) resolve({ ok: false, error: disconnected() });
    pending.clear();
    for (const sub of subscriptions.values()) sub.onError(disconnected());
    subscriptions.clear();
    settleExited(code);
  });

  return {
    started,
    exited,
    start: (options) => post({ t: 'start', options }),
    stop: () => {
      if (!gone) post({ t: 'stop' });
    },
    call(channel, input) {
      if (gone) return Promise.resolve({ ok: false, error: disconnected() });
      const id = nextId++;
      return new Promise<Result>((resolve) => {
        pending.set(id, resolve);
        post({ t: 'call', id, channel, input });
      });
    },
    subscribe(channel, input, onEvent, onError): Unsubscribe {
      if (gone) {
        queueMicrotask(() => onError(disconnected()));
        return () => undefined;
      }
      const id = nextId++;
      subscriptions.set(id, { onEvent, onError });
      post({ t: 'subscribe', id, channel, input });
      return () => {
        if (subscriptions.delete(id) && !gone) post({ t: 'unsubscribe', id });
      };
    },
  };
}
