import type { ContextBridge, IpcMain, IpcRenderer, WebContents } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientTransport } from '../contract/client.js';
import { stubHandlers } from '../test/support/stub-handlers.js';
import { createDispatcher } from '../contract/dispatcher.js';
import { StationError } from '../contract/errors.js';
import { stationContract } from '../contract/index.js';
import type { StationApi, StationInfo, StationStatus } from '../contract/index.js';
import { registerIpcRelay } from '../main/electron/ipc-relay.js';
import {
  MockWebContents,
  attachPreload,
  contextBridge,
  ipcMain,
  ipcRenderer,
  real,
  resetElectronMock,
} from '../test/mocks/electron.js';
import { exposeStation } from './expose.js';

vi.mock('electron', () => import('../test/mocks/electron.js'));

const APP_PAGE = 'app://station/index.html';
const info: StationInfo = {
  stationId: '0190b5c2-7a3e-7c00-8000-000000000002',
  appVersion: '0.1.0',
  mode: 'electron',
  database: { path: '/data/station.db', schemaVersion: 1, shippedSchemaVersion: 1 },
  startedAt: '2026-01-01T00:00:00.000Z',
};
const status: StationStatus = { hub: { url: null, state: 'offline', lastContactAt: null } };

let own: MockWebContents;
let reachedCore: string[];
let liveCoreSubscriptions: number;
let pushStatus: (s: StationStatus) => void;

/** The whole Electron path in one process: preload → mock IPC → relay → a real dispatcher. */
async function loadPreload(frameUrl = APP_PAGE): Promise<StationApi> {
  attachPreload(own, frameUrl);
  exposeStation(real<ContextBridge>(contextBridge), real<IpcRenderer>(ipcRenderer));
  return contextBridge.exposed.get('station') as StationApi;
}

beforeEach(() => {
  resetElectronMock();
  own = new MockWebContents();
  reachedCore = [];
  liveCoreSubscriptions = 0;
  pushStatus = () => undefined;
  const dispatcher = createDispatcher(
    stationContract,
    stubHandlers({
      station: {
        info: () => info,
        status: () => status,
        statusChanges: (_input, emit) => {
          liveCoreSubscriptions++;
          pushStatus = emit;
          emit(status);
          return () => liveCoreSubscriptions--;
        },
      },
    }),
  );
  const core: ClientTransport = {
    call: (channel, input) => {
      reachedCore.push(channel);
      return dispatcher.call(channel, input, { via: 'ipc' });
    },
    subscribe: (channel, input, onEvent, onError) => {
      reachedCore.push(channel);
      const result = dispatcher.subscribe(channel, input, onEvent, { via: 'ipc' });
      if (result.ok) return result.value;
      onError(result.error);
      return () => undefined;
    },
  };
  registerIpcRelay({ ipcMain: real<IpcMain>(ipcMain), ownContents: real<WebContents>(own), core });
});

describe('the preload', () => {
  it('exposes exactly one global, window.station, through Electron’s contextBridge when loaded', async () => {
    attachPreload(own, APP_PAGE);
    await import('./index.js');
    expect([...contextBridge.exposed.keys()]).toEqual(['station']);
    const api = contextBridge.exposed.get('station') as StationApi;
    await expect(api.station.info({})).resolves.toEqual(info);
  });

  it('gives the page exactly the contract’s domains and methods, as functions, frozen', async () => {
    const api = await loadPreload();
    expect(Object.keys(api).sort()).toEqual(Object.keys(stationContract).sort());
    for (const [domain, methods] of Object.entries(stationContract)) {
      const namespace = (api as unknown as Record<string, Record<string, unknown>>)[domain]!;
      expect(Object.keys(namespace).sort(), domain).toEqual(Object.keys(methods).sort());
      for (const method of Object.keys(methods)) expect(typeof namespace[method]).toBe('function');
      expect(Object.isFrozen(namespace)).toBe(true);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('never hands out ipcRenderer or a generic send/invoke/on', async () => {
    const api = await loadPreload();
    const seen: unknown[] = [];
    const walk = (value: unknown): void => {
      if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.includes(value)) return;
      seen.push(value);
      expect(value).not.toBe(ipcRenderer);
      for (const key of Object.getOwnPropertyNames(value)) {
        expect(['ipcRenderer', 'invoke', 'send', 'on', 'emit', 'removeListener']).not.toContain(key);
        if (typeof value === 'object') walk((value as Record<string, unknown>)[key]);
      }
    };
    walk(api);
  });

  it('carries a call through the relay to the core and back', async () => {
    const api = await loadPreload();
    await expect(api.station.info({})).resolves.toEqual(info);
    await expect(api.station.status(undefined)).resolves.toEqual(status);
    expect(reachedCore).toEqual(['station.info', 'station.status']);
  });

  it('rejects a malformed call with invalid_input before it reaches the core', async () => {
    const api = await loadPreload();
    // The page is not bound by TypeScript: this is what a compromised page could send.
    const error = await (api.station.info as (input: unknown) => Promise<unknown>)({ sql: 'drop table' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StationError);
    expect((error as StationError).code).toBe('invalid_input');
    expect(reachedCore).toEqual([]);
  });

  it('is refused (forbidden_sender) when loaded into a page that is not app://station', async () => {
    const api = await loadPreload('https://example.com/');
    const error = await api.station.info({}).catch((e: unknown) => e);
    expect((error as StationError).code).toBe('forbidden_sender');
    expect(reachedCore).toEqual([]);
  });

  it('delivers subscription events and cleans up its listeners on unsubscribe', async () => {
    const api = await loadPreload();
    const events: StationStatus[] = [];
    const unsubscribe = api.station.statusChanges({}, (event) => events.push(event));
    expect(events).toEqual([status]);
    const online: StationStatus = { hub: { url: 'http://hub', state: 'online', lastContactAt: null } };
    pushStatus(online);
    expect(events).toEqual([status, online]);
    expect(liveCoreSubscriptions).toBe(1);
    unsubscribe();
    expect(liveCoreSubscriptions).toBe(0);
    expect(ipcRenderer.eventNames()).toEqual([]);
    pushStatus(status);
    expect(events).toHaveLength(2);
  });
});
