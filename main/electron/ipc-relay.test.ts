import type { IpcMain, WebContents } from 'electron';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ClientTransport } from '../../contract/client.js';
import { channelOf, methodsOf, stationContract } from '../../contract/index.js';
import type { StationErrorShape } from '../../contract/errors.js';
import type { Result } from '../../contract/wire.js';
import { MockWebContents, ipcEventFrom, ipcMain, real, resetElectronMock } from '../../test/mocks/electron.js';
import { registerIpcRelay } from './ipc-relay.js';
import type { IpcRelay } from './ipc-relay.js';

const APP_PAGE = 'app://station/index.html';

/** A core that records what reached it. */
function fakeCore(answer: Result = { ok: true, value: { answered: true } }) {
  const calls: { channel: string; input: unknown }[] = [];
  const subscriptions: {
    channel: string;
    input: unknown;
    emit: (value: unknown) => void;
    fail: (error: StationErrorShape) => void;
    ended: boolean;
  }[] = [];
  const transport: ClientTransport = {
    async call(channel, input) {
      calls.push({ channel, input });
      return answer;
    },
    subscribe(channel, input, onEvent, onError) {
      const sub = { channel, input, emit: onEvent, fail: onError, ended: false };
      subscriptions.push(sub);
      return () => (sub.ended = true);
    },
  };
  return { transport, calls, subscriptions };
}

let own: MockWebContents;
let core: ReturnType<typeof fakeCore>;
let relay: IpcRelay;
const refusals: string[] = [];

beforeEach(() => {
  resetElectronMock();
  own = new MockWebContents();
  void own.loadURL(APP_PAGE);
  core = fakeCore();
  refusals.length = 0;
  relay = registerIpcRelay({
    ipcMain: real<IpcMain>(ipcMain),
    ownContents: real<WebContents>(own),
    core: core.transport,
    onRefused: (channel, reason) => refusals.push(`${channel} ${reason}`),
  });
});

const calls = methodsOf(stationContract).filter((m) => m.def.kind === 'call');
const subscriptions = methodsOf(stationContract).filter((m) => m.def.kind === 'subscription');

describe('channels', () => {
  it('registers one invoke handler per contract call and two listeners per subscription, nothing else', () => {
    const expected = [
      ...calls.map((m) => channelOf(m.domain, m.method)),
      ...subscriptions.flatMap((m) => [
        `${channelOf(m.domain, m.method)}:subscribe`,
        `${channelOf(m.domain, m.method)}:unsubscribe`,
      ]),
    ];
    expect(calls.length).toBeGreaterThan(0);
    expect(subscriptions.length).toBeGreaterThan(0);
    expect([...ipcMain.handlers.keys()].sort()).toEqual(calls.map((m) => channelOf(m.domain, m.method)).sort());
    expect(ipcMain.registeredChannels().sort()).toEqual(expected.sort());
    expect([...relay.channels].sort()).toEqual(expected.sort());
  });

  it('has no handler for unknown channels, for subscriptions as calls, or for a generic passthrough', async () => {
    const event = ipcEventFrom(own, APP_PAGE);
    for (const channel of ['station.delete', 'station', 'invoke', 'send', 'station.statusChanges', '__proto__']) {
      await expect(ipcMain.invoke(channel, event, {}), channel).rejects.toThrow(/No handler registered/);
    }
    expect(core.calls).toEqual([]);
  });

  it('takes everything down on dispose', () => {
    relay.dispose();
    expect(ipcMain.registeredChannels()).toEqual([]);
  });
});

describe('calls', () => {
  it('relays a valid call from the app’s own window and returns the core’s Result', async () => {
    const result = await ipcMain.invoke('station.info', ipcEventFrom(own, APP_PAGE), {});
    expect(result).toEqual({ ok: true, value: { answered: true } });
    expect(core.calls).toEqual([{ channel: 'station.info', input: {} }]);
  });

  it('relays a call without an argument (the input is optional) and passes the core’s error results through', async () => {
    const failing = fakeCore({
      ok: false,
      error: { code: 'store_unavailable', messageKey: 'errors.store_unavailable' },
    });
    relay.dispose();
    registerIpcRelay({ ipcMain: real<IpcMain>(ipcMain), ownContents: real<WebContents>(own), core: failing.transport });
    const result = await ipcMain.invoke('station.status', ipcEventFrom(own, APP_PAGE));
    expect(result).toEqual({ ok: false, error: { code: 'store_unavailable', messageKey: 'errors.store_unavailable' } });
    expect(failing.calls).toEqual([{ channel: 'station.status', input: undefined }]);
  });

  it('refuses a call from another webContents with forbidden_sender; nothing reaches the core', async () => {
    const stranger = new MockWebContents();
    void stranger.loadURL(APP_PAGE);
    const result = (await ipcMain.invoke('station.info', ipcEventFrom(stranger, APP_PAGE), {})) as Result;
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender', messageKey: 'errors.forbidden_sender' },
    });
    expect(core.calls).toEqual([]);
    expect(refusals).toEqual(['station.info forbidden_sender']);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:4100/?token=x',
    'file:///home/doctor/index.html',
    'app://evil/index.html',
    'app://station.evil/index.html',
    'about:blank',
    '',
  ])('refuses a call from the own window when its frame is at %s', async (url) => {
    const result = (await ipcMain.invoke('station.info', ipcEventFrom(own, url), {})) as Result;
    expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(core.calls).toEqual([]);
  });

  it('refuses a call from a sub-frame, from a gone or disposed frame and from a destroyed window', async () => {
    const fromSubframe = await ipcMain.invoke('station.info', ipcEventFrom(own, APP_PAGE, { subframe: true }), {});
    const noFrame = await ipcMain.invoke('station.info', { ...ipcEventFrom(own, APP_PAGE), senderFrame: null }, {});
    const disposed = {
      ...ipcEventFrom(own, APP_PAGE),
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    const disposedFrame = await ipcMain.invoke('station.info', disposed, {});
    own.destroy();
    const destroyed = await ipcMain.invoke('station.info', ipcEventFrom(own, APP_PAGE), {});
    for (const result of [fromSubframe, noFrame, disposedFrame, destroyed]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(core.calls).toEqual([]);
  });

  it.each([
    ['an unexpected field', [{ drop: 'table' }]],
    ['a string', ['station']],
    ['a number', [42]],
    ['null', [null]],
    ['an array', [[]]],
    ['two arguments', [{}, {}]],
  ])('answers %s with invalid_input and forwards nothing', async (_name, args) => {
    const result = (await ipcMain.invoke('station.info', ipcEventFrom(own, APP_PAGE), ...args)) as Result;
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { method: 'station.info' } } });
    expect(core.calls).toEqual([]);
  });

  it('names the offending field in the invalid_input issues', async () => {
    const result = (await ipcMain.invoke('station.info', ipcEventFrom(own, APP_PAGE), { drop: 'table' })) as Result;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.details?.issues?.length).toBeGreaterThan(0);
  });

  it('turns a core that throws into an internal error instead of rejecting the invoke', async () => {
    const throwing: ClientTransport = { ...core.transport, call: () => Promise.reject(new Error('core gone')) };
    relay.dispose();
    registerIpcRelay({ ipcMain: real<IpcMain>(ipcMain), ownContents: real<WebContents>(own), core: throwing });
    expect(await ipcMain.invoke('station.status', ipcEventFrom(own, APP_PAGE))).toEqual({
      ok: false,
      error: { code: 'internal', messageKey: 'errors.internal' },
    });
  });
});

describe('subscriptions', () => {
  const channel = 'station.statusChanges';
  const subscribe = (sender: MockWebContents, url: string, request: unknown): void => {
    ipcMain.emit(`${channel}:subscribe`, ipcEventFrom(sender, url), request);
  };

  it('relays a subscription and sends its events to the subscribing window only', () => {
    const stranger = new MockWebContents();
    subscribe(own, APP_PAGE, { id: 7, input: {} });
    expect(core.subscriptions).toHaveLength(1);
    expect(core.subscriptions[0]).toMatchObject({ channel, input: {} });
    core.subscriptions[0]!.emit({ hub: { state: 'online' } });
    expect(own.sent).toEqual([{ channel: `${channel}:event`, args: [{ id: 7, value: { hub: { state: 'online' } } }] }]);
    expect(stranger.sent).toEqual([]);
  });

  it('ends a subscription on unsubscribe', () => {
    subscribe(own, APP_PAGE, { id: 1, input: {} });
    ipcMain.emit(`${channel}:unsubscribe`, ipcEventFrom(own, APP_PAGE), { id: 1 });
    expect(core.subscriptions[0]!.ended).toBe(true);
  });

  it('ignores subscribe and unsubscribe from a foreign window or frame, and answers them nothing', () => {
    const stranger = new MockWebContents();
    subscribe(stranger, APP_PAGE, { id: 1, input: {} });
    subscribe(own, 'https://example.com/', { id: 2, input: {} });
    expect(core.subscriptions).toEqual([]);
    expect(stranger.sent).toEqual([]);
    expect(own.sent).toEqual([]);

    subscribe(own, APP_PAGE, { id: 3, input: {} });
    ipcMain.emit(`${channel}:unsubscribe`, ipcEventFrom(stranger, APP_PAGE), { id: 3 });
    expect(core.subscriptions[0]!.ended).toBe(false);
  });

  it('answers an invalid subscription input on the error channel and forwards nothing', () => {
    subscribe(own, APP_PAGE, { id: 4, input: { everything: true } });
    expect(core.subscriptions).toEqual([]);
    expect(own.sent).toHaveLength(1);
    expect(own.sent[0]).toMatchObject({
      channel: `${channel}:error`,
      args: [{ id: 4, error: { code: 'invalid_input' } }],
    });
  });

  it('drops a malformed subscribe request and refuses a duplicate id', () => {
    subscribe(own, APP_PAGE, 'subscribe me');
    subscribe(own, APP_PAGE, { id: -1, input: {} });
    subscribe(own, APP_PAGE, { id: 1, input: {}, extra: true });
    expect(core.subscriptions).toEqual([]);
    subscribe(own, APP_PAGE, { id: 5, input: {} });
    subscribe(own, APP_PAGE, { id: 5, input: {} });
    expect(core.subscriptions).toHaveLength(1);
    expect(own.sent.at(-1)).toMatchObject({
      channel: `${channel}:error`,
      args: [{ id: 5, error: { code: 'invalid_input' } }],
    });
  });

  it('passes the core’s subscription errors to the page', () => {
    subscribe(own, APP_PAGE, { id: 6, input: {} });
    core.subscriptions[0]!.fail({ code: 'disconnected', messageKey: 'errors.disconnected' });
    expect(own.sent).toEqual([
      {
        channel: `${channel}:error`,
        args: [{ id: 6, error: { code: 'disconnected', messageKey: 'errors.disconnected' } }],
      },
    ]);
  });

  it('ends every subscription when the page reloads, crashes or the window is destroyed', () => {
    for (const end of ['did-navigate', 'render-process-gone', 'destroyed'] as const) {
      core.subscriptions.length = 0;
      subscribe(own, APP_PAGE, { id: 10, input: {} });
      subscribe(own, APP_PAGE, { id: 11, input: {} });
      expect(core.subscriptions).toHaveLength(2);
      own.emit(end);
      expect(
        core.subscriptions.every((sub) => sub.ended),
        end,
      ).toBe(true);
    }
  });

  it('stops sending events once the window is destroyed', () => {
    subscribe(own, APP_PAGE, { id: 8, input: {} });
    const emit = core.subscriptions[0]!.emit;
    own.destroy();
    expect(() => emit({ hub: { state: 'offline' } })).not.toThrow();
    expect(own.sent).toEqual([]);
  });
});
