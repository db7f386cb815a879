import { describe, expect, it } from 'vitest';
import { StationError } from '../../../contract/errors.js';
import type { LiveEvent } from '../../../contract/index.js';
import { DeviceFeedStore, HELLO_WAIT_MS, KEEPALIVE_MS, LINGER_MS } from './device-feed-store.js';
import type { FeedApi, FeedHost } from './device-feed-store.js';
import { reading } from './feed-fixtures.js';

const FEED = '0190b5c2-7a3e-7c00-8000-00000000aaaa';

/** Frames and timers run by hand. */
function manualHost() {
  let frames: (() => void)[] = [];
  let timers: { at: number; task: () => void }[] = [];
  let now = 0;
  const host: FeedHost = {
    frame(task) {
      frames.push(task);
      return () => (frames = frames.filter((f) => f !== task));
    },
    timer(task, ms) {
      const entry = { at: now + ms, task };
      timers.push(entry);
      return () => (timers = timers.filter((t) => t !== entry));
    },
  };
  return {
    host,
    frame() {
      const due = frames;
      frames = [];
      for (const f of due) f();
    },
    advance(ms: number) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.task();
    },
  };
}

function fakeApi(ackError?: () => unknown) {
  const subscribers: ((e: LiveEvent) => void)[] = [];
  const acks: { feed: string; n: number }[] = [];
  let live = 0;
  const api: FeedApi = {
    live: (_input, listener) => {
      subscribers.push(listener);
      live++;
      return () => {
        live--;
      };
    },
    ack: async (input) => {
      acks.push(input);
      if (ackError) throw ackError();
      return {};
    },
    pending: async () => [],
  };
  return {
    api,
    acks,
    live: () => live,
    subscriptions: () => subscribers.length,
    emit: (event: LiveEvent) => subscribers.at(-1)?.(event),
    emitTo: (index: number, event: LiveEvent) => subscribers[index]?.(event),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('DeviceFeedStore', () => {
  it('acknowledges the highest event handled, once per frame', async () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    for (let n = 1; n <= 5; n++) core.emit({ type: 'reading', n, reading: reading({ stored: true }) });
    expect(core.acks).toEqual([]);
    time.frame();
    expect(core.acks).toEqual([{ feed: FEED, n: 5 }]);
    time.frame();
    expect(core.acks).toHaveLength(1);
    core.emit({ type: 'gap', n: 6, deviceKey: 'x', seq: 0, count: 1 });
    time.frame();
    expect(core.acks.at(-1)).toEqual({ feed: FEED, n: 6 });
    expect(store.getSnapshot().pending).toHaveLength(5);
    await settle();
  });

  it('tells its screens once per frame, not once per event', () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    let renders = 0;
    store.subscribe(() => renders++);
    store.retain(core.api);
    renders = 0;
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    core.emit({ type: 'reading', n: 1, reading: reading() });
    core.emit({ type: 'reading', n: 2, reading: reading() });
    expect(renders).toBe(0);
    time.frame();
    expect(renders).toBe(1);
  });

  it('writes waveforms into a ring per device and breaks the trace where batches were skipped', () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    const wave = (n: number, seq: number): LiveEvent => ({
      type: 'waveform',
      n,
      deviceKey: 'ox',
      channels: ['pleth'],
      sampleRate: 60,
      seq,
      unit: '1',
      samples: [[1, 2]],
    });
    core.emit(wave(1, 0));
    core.emit({ type: 'skipped', n: 2, deviceKey: 'ox', batches: 4 });
    core.emit(wave(3, 10));
    const ring = store.ring('ox');
    expect(ring?.head).toBe(12);
    expect(ring?.at(0, 5)).toBeNaN();
    expect(ring?.joins(10)).toBe(false);
    expect(ring?.capacity).toBe(600);
  });

  it('subscribes again when no hello comes (refused before sign-in), waiting longer each time', () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    expect(core.subscriptions()).toBe(1);
    time.advance(HELLO_WAIT_MS);
    expect(core.subscriptions()).toBe(2);
    expect(core.live()).toBe(1);
    time.advance(HELLO_WAIT_MS);
    expect(core.subscriptions()).toBe(2);
    time.advance(HELLO_WAIT_MS);
    expect(core.subscriptions()).toBe(3);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    time.advance(HELLO_WAIT_MS * 10);
    expect(core.subscriptions()).toBe(3);
  });

  it('ignores what an old subscription still sends', () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    time.advance(HELLO_WAIT_MS);
    core.emitTo(0, { type: 'hello', feed: FEED, window: 32 });
    expect(store.getSnapshot().feed).toBeNull();
  });

  it('subscribes again when the core no longer knows the feed', async () => {
    const time = manualHost();
    const core = fakeApi(() => new StationError('not_found'));
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    time.advance(KEEPALIVE_MS);
    expect(core.acks).toEqual([{ feed: FEED, n: 0 }]);
    await settle();
    expect(core.subscriptions()).toBe(2);
    expect(core.live()).toBe(1);
  });

  it('acknowledges again after a failed ack', async () => {
    const time = manualHost();
    const core = fakeApi(() => new StationError('disconnected'));
    const store = new DeviceFeedStore(time.host);
    store.retain(core.api);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    core.emit({ type: 'reading', n: 1, reading: reading() });
    time.frame();
    await settle();
    core.emit({ type: 'devices', n: 2, devices: [] });
    time.frame();
    expect(core.acks.map((a) => a.n)).toEqual([1, 2]);
    expect(core.subscriptions()).toBe(1);
  });

  it('shares one subscription, and ends it (forgetting everything) a while after the last screen closes', () => {
    const time = manualHost();
    const core = fakeApi();
    const store = new DeviceFeedStore(time.host);
    const releaseA = store.retain(core.api);
    const releaseB = store.retain(core.api);
    expect(core.subscriptions()).toBe(1);
    core.emit({ type: 'hello', feed: FEED, window: 32 });
    core.emit({
      type: 'id-card',
      n: 1,
      deviceKey: 'reader',
      card: { name: '张三', sex: 'male', birthDate: '1960-01-02', nationalId: '110101196001020011' },
    });
    releaseA();
    releaseB();
    releaseB();
    expect(core.live()).toBe(1);
    const releaseC = store.retain(core.api);
    time.advance(LINGER_MS);
    expect(core.live()).toBe(1);
    releaseC();
    time.advance(LINGER_MS);
    expect(core.live()).toBe(0);
    expect(store.getSnapshot().card).toBeNull();
  });
});
