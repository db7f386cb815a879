import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { stubHandlers } from '../../test/support/stub-handlers.js';
import { createDispatcher } from '../../contract/dispatcher.js';
import { stationContract } from '../../contract/index.js';
import type { StationInfo, StationStatus } from '../../contract/index.js';
import type { StationErrorShape } from '../../contract/errors.js';
import type { Core } from '../core.js';
import { createCoreClient } from './core-client.js';
import type { CoreStartOptions } from './core-messages.js';
import { serveCore } from './core-server.js';

const info: StationInfo = {
  stationId: '0190b5c2-7a3e-7c00-8000-000000000001',
  appVersion: '0.1.0',
  mode: 'electron',
  database: { path: '/data/station.db', schemaVersion: 1, shippedSchemaVersion: 1 },
  startedAt: '2026-01-01T00:00:00.000Z',
};
const status: StationStatus = { hub: { url: null, state: 'not_configured', lastContactAt: null } };
const options: CoreStartOptions = { dataDir: '/data', hubUrl: null, appVersion: '0.1.0' };

/** A core with a real dispatcher over the station contract, and hooks to watch it. */
function fakeCore() {
  const statusListeners = new Set<(s: StationStatus) => void>();
  const close = vi.fn(async () => undefined);
  const core: Core = {
    info,
    close,
    dispatcher: createDispatcher(
      stationContract,
      stubHandlers({
        station: {
          info: () => info,
          status: () => status,
          statusChanges: (_input, emit) => {
            statusListeners.add(emit);
            emit(status);
            return () => statusListeners.delete(emit);
          },
        },
      }),
    ),
  };
  return { core, close, statusListeners };
}

/** Main and core wired through two in-memory ports that clone like Electron's do. */
function wire(start: (options: CoreStartOptions) => Promise<Core>) {
  const toCore = new EventEmitter();
  const child = Object.assign(new EventEmitter(), {
    postMessage: (message: unknown) => queueMicrotask(() => toCore.emit('message', { data: structuredClone(message) })),
  });
  const onStopped = vi.fn();
  serveCore(
    {
      on: (_event, listener) => toCore.on('message', listener),
      postMessage: (message) => queueMicrotask(() => child.emit('message', structuredClone(message))),
    },
    start,
    onStopped,
  );
  const client = createCoreClient(child);
  return { client, child, toCore, onStopped };
}

const flush = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

describe('main ↔ core relay', () => {
  it('starts the core with the options main sent and reports its station id', async () => {
    const { core } = fakeCore();
    const start = vi.fn(async () => core);
    const { client } = wire(start);
    client.start(options);
    expect(await client.started).toEqual({ ok: true, stationId: info.stationId });
    expect(start).toHaveBeenCalledWith(options);
  });

  it('answers calls through the dispatcher, including calls sent before the core was up', async () => {
    const { core } = fakeCore();
    const { client } = wire(async () => core);
    const early = client.call('station.info', {});
    client.start(options);
    expect(await early).toEqual({ ok: true, value: info });
    expect(await client.call('station.status', undefined)).toEqual({ ok: true, value: status });
  });

  it('keeps the dispatcher’s own checks: bad input and unknown methods come back as errors', async () => {
    const { core } = fakeCore();
    const { client } = wire(async () => core);
    client.start(options);
    expect(await client.call('station.info', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await client.call('station.nothing', {})).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
  });

  it('answers every call with store_unavailable when the core failed to start', async () => {
    const { client } = wire(async () => {
      throw new Error('database written by a newer version');
    });
    client.start(options);
    expect(await client.started).toEqual({ ok: false, message: 'database written by a newer version' });
    expect(await client.call('station.info', {})).toMatchObject({ ok: false, error: { code: 'store_unavailable' } });
  });

  it('delivers subscription events and ends the handler’s subscription on unsubscribe', async () => {
    const { core, statusListeners } = fakeCore();
    const { client } = wire(async () => core);
    client.start(options);
    const events: unknown[] = [];
    const unsubscribe = client.subscribe(
      'station.statusChanges',
      {},
      (value) => events.push(value),
      () => undefined,
    );
    await client.started;
    await flush();
    expect(events).toEqual([status]);
    expect(statusListeners.size).toBe(1);
    const online: StationStatus = { hub: { url: 'http://hub', state: 'online', lastContactAt: null } };
    for (const listener of statusListeners) listener(online);
    await flush();
    expect(events).toEqual([status, online]);
    unsubscribe();
    await flush();
    expect(statusListeners.size).toBe(0);
  });

  it('reports a refused subscription through onError', async () => {
    const { core } = fakeCore();
    const { client } = wire(async () => core);
    client.start(options);
    const errors: StationErrorShape[] = [];
    client.subscribe(
      'station.statusChanges',
      { nope: true },
      () => undefined,
      (error) => errors.push(error),
    );
    await client.started;
    await flush();
    expect(errors).toMatchObject([{ code: 'invalid_input' }]);
  });

  it('ends pending calls and live subscriptions with disconnected when the core exits', async () => {
    const { child } = wire(() => new Promise<Core>(() => undefined));
    const client = createCoreClient(child);
    const pending = client.call('station.info', {});
    const errors: StationErrorShape[] = [];
    client.subscribe(
      'station.statusChanges',
      {},
      () => undefined,
      (error) => errors.push(error),
    );
    child.emit('exit', 1);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(errors).toMatchObject([{ code: 'disconnected' }]);
    expect(await client.call('station.info', {})).toMatchObject({ ok: false, error: { code: 'disconnected' } });
    expect(await client.started).toEqual({ ok: false, message: 'the core process exited (1)' });
    expect(await client.exited).toBe(1);
  });

  it('closes the core on stop, then tells the process to exit', async () => {
    const { core, close, statusListeners } = fakeCore();
    const { client, onStopped } = wire(async () => core);
    client.start(options);
    client.subscribe(
      'station.statusChanges',
      {},
      () => undefined,
      () => undefined,
    );
    await client.started;
    await flush();
    client.stop();
    await flush();
    expect(statusListeners.size).toBe(0);
    expect(close).toHaveBeenCalledOnce();
    expect(onStopped).toHaveBeenCalledOnce();
  });

  it('answers a malformed message with malformed_message and ignores a second start', async () => {
    const { core } = fakeCore();
    const start = vi.fn(async () => core);
    const { toCore, child, client } = wire(start);
    const results: unknown[] = [];
    child.on('message', (message) => results.push(message));
    client.start(options);
    client.start({ ...options, dataDir: '/elsewhere' });
    toCore.emit('message', { data: { t: 'call', id: 9, channel: 42 } });
    await client.started;
    await flush();
    expect(start).toHaveBeenCalledOnce();
    expect(results).toContainEqual({
      t: 'result',
      id: 9,
      result: { ok: false, error: expect.objectContaining({ code: 'malformed_message' }) },
    });
  });
});
