import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { StationErrorShape } from '../contract/errors.js';
import { createIpcTransport } from './ipc-transport.js';
import type { IpcRendererLike } from './ipc-transport.js';

/** An ipcRenderer stand-in whose invoke answers with `answer`. */
function fakeIpc(answer: () => Promise<unknown>) {
  const bus = new EventEmitter();
  const sent: { channel: string; payload: unknown }[] = [];
  const ipc = Object.assign(bus, {
    invoke: () => answer(),
    send: (channel: string, payload: unknown) => sent.push({ channel, payload }),
  });
  return { ipc: ipc as unknown as IpcRendererLike, bus, sent };
}

describe('createIpcTransport', () => {
  it('does not believe a reply that is not a Result', async () => {
    const { ipc } = fakeIpc(async () => ({ value: 'no ok field' }));
    expect(await createIpcTransport(ipc).call('station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('turns a rejected invoke (uncloneable input, no handler) into an error result', async () => {
    const { ipc } = fakeIpc(() => Promise.reject(new Error('An object could not be cloned.')));
    expect(await createIpcTransport(ipc).call('station.info', {})).toMatchObject({
      ok: false,
      error: { code: 'internal' },
    });
  });

  it('routes events by subscription id and ignores other ids', () => {
    const { ipc, bus, sent } = fakeIpc(async () => undefined);
    const transport = createIpcTransport(ipc);
    const a: unknown[] = [];
    const b: unknown[] = [];
    transport.subscribe(
      'station.statusChanges',
      {},
      (v) => a.push(v),
      () => undefined,
    );
    transport.subscribe(
      'station.statusChanges',
      {},
      (v) => b.push(v),
      () => undefined,
    );
    const [first, second] = sent.map((s) => (s.payload as { id: number }).id);
    bus.emit('station.statusChanges:event', {}, { id: first, value: 'for a' });
    bus.emit('station.statusChanges:event', {}, { id: second, value: 'for b' });
    bus.emit('station.statusChanges:event', {}, { id: 999, value: 'for nobody' });
    expect(a).toEqual(['for a']);
    expect(b).toEqual(['for b']);
  });

  it('ends a subscription on an error message, with the error parsed', () => {
    const { ipc, bus, sent } = fakeIpc(async () => undefined);
    const errors: StationErrorShape[] = [];
    const events: unknown[] = [];
    createIpcTransport(ipc).subscribe(
      'station.statusChanges',
      {},
      (v) => events.push(v),
      (e) => errors.push(e),
    );
    const id = (sent[0]!.payload as { id: number }).id;
    bus.emit(
      'station.statusChanges:error',
      {},
      { id, error: { code: 'disconnected', messageKey: 'errors.disconnected' } },
    );
    bus.emit('station.statusChanges:event', {}, { id, value: 'late' });
    expect(errors).toEqual([{ code: 'disconnected', messageKey: 'errors.disconnected' }]);
    expect(events).toEqual([]);
    expect(bus.eventNames()).toEqual([]);
  });

  it('reports a garbled error as internal', () => {
    const { ipc, bus, sent } = fakeIpc(async () => undefined);
    const errors: StationErrorShape[] = [];
    createIpcTransport(ipc).subscribe(
      'station.statusChanges',
      {},
      () => undefined,
      (e) => errors.push(e),
    );
    bus.emit('station.statusChanges:error', {}, { id: (sent[0]!.payload as { id: number }).id, error: 'boom' });
    expect(errors).toMatchObject([{ code: 'internal' }]);
  });
});
