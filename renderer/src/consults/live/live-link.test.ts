import { describe, expect, it } from 'vitest';
import { StationError } from '../../../../contract/errors.js';
import type { LiveEvent } from '../../../../contract/index.js';
import { decodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import { device, reading } from '../../devices/feed-fixtures.js';
import {
  ACK_EVERY_MS,
  CONGESTION_RETRY_MS,
  HELLO_WAIT_MS,
  LIVE_BACKLOG_BYTES,
  congestedAt,
  startLiveLink,
} from './live-link.js';
import { BATCH_MS } from './wave-batch.js';
import type { LiveLinkDeps } from './live-link.js';

const FEED = '0197a0e0-0000-7000-8000-0000000000fe';

/** A hand-driven clock and a fake `devices` API that records subscriptions and acks. */
function rig() {
  let now = 0;
  let timers: { at: number; task: () => void; cancelled: boolean }[] = [];
  const subs: { listener: (e: LiveEvent) => void; open: boolean }[] = [];
  const acks: { feed: string; n: number }[] = [];
  const sent: Uint8Array[] = [];
  const lossy: boolean[] = [];
  let ackError: unknown = null;
  let congested = false;
  const deps: LiveLinkDeps = {
    devices: {
      live: (_input, listener) => {
        const sub = { listener, open: true };
        subs.push(sub);
        return () => {
          sub.open = false;
        };
      },
      ack: (input) => {
        acks.push(input);
        return ackError ? Promise.reject(ackError) : Promise.resolve({});
      },
    },
    send: (bytes, isLossy) => {
      sent.push(bytes);
      lossy.push(isLossy);
    },
    mode: () => 'v360p15',
    congested: () => congested,
    now: () => now,
    timer: (task, ms) => {
      const t = { at: now + ms, task, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
  };
  const advance = async (ms: number) => {
    const until = now + ms;
    for (;;) {
      const due = timers.filter((t) => !t.cancelled && t.at <= until).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      now = due.at;
      timers = timers.filter((t) => t !== due);
      due.task();
      await Promise.resolve();
      await Promise.resolve();
    }
    now = until;
  };
  const emit = (event: LiveEvent) => subs.at(-1)?.listener(event);
  return {
    deps,
    subs,
    acks,
    sent,
    lossy,
    emit,
    advance,
    setCongested: (c: boolean) => (congested = c),
    failAcks: (e: unknown) => (ackError = e),
  };
}

describe('the live vitals link', () => {
  it('sends each measurement as a numbered frame and acknowledges a burst once', async () => {
    const r = rig();
    const stop = startLiveLink(r.deps);
    r.emit({ type: 'hello', feed: FEED, window: 64 });
    r.emit({ type: 'reading', n: 1, reading: reading({ value: 97 }) });
    r.emit({ type: 'reading', n: 2, reading: reading({ value: 96 }) });
    expect(r.sent.map((b) => decodeLiveFrame(b))).toMatchObject([
      { ok: true, frame: { type: 'reading', frameSeq: 0, reading: { value: 97 } } },
      { ok: true, frame: { type: 'reading', frameSeq: 1, reading: { value: 96 } } },
    ]);
    expect(r.acks).toEqual([]);
    await r.advance(ACK_EVERY_MS);
    expect(r.acks).toEqual([{ feed: FEED, n: 2 }]);
    stop();
  });

  it('holds its acknowledgement while the data channel is backed up, so the core sends it less', async () => {
    const r = rig();
    startLiveLink(r.deps);
    r.emit({ type: 'hello', feed: FEED, window: 64 });
    r.setCongested(true);
    r.emit({ type: 'gap', n: 1, deviceKey: 'x', seq: 0, count: 1 });
    await r.advance(ACK_EVERY_MS + 5 * CONGESTION_RETRY_MS);
    expect(r.acks).toEqual([]);
    r.setCongested(false);
    await r.advance(CONGESTION_RETRY_MS);
    expect(r.acks).toEqual([{ feed: FEED, n: 1 }]);
  });

  it('subscribes again when the feed never says hello, or the core forgot it', async () => {
    const r = rig();
    startLiveLink(r.deps);
    await r.advance(HELLO_WAIT_MS);
    expect(r.subs.map((s) => s.open)).toEqual([false, true]);
    r.emit({ type: 'hello', feed: FEED, window: 64 });
    r.failAcks(new StationError('not_found'));
    r.emit({ type: 'reading', n: 1, reading: reading() });
    await r.advance(ACK_EVERY_MS);
    expect(r.subs.map((s) => s.open)).toEqual([false, false, true]);
  });

  it('stops sending and unsubscribes when the call ends', async () => {
    const r = rig();
    const stop = startLiveLink(r.deps);
    const listener = r.subs[0]!.listener;
    listener({ type: 'hello', feed: FEED, window: 64 });
    stop();
    listener({ type: 'reading', n: 1, reading: reading() });
    await r.advance(HELLO_WAIT_MS * 3);
    expect(r.sent).toEqual([]);
    expect(r.acks).toEqual([]);
    expect(r.subs.map((s) => s.open)).toEqual([false]);
  });

  it('sends waveform lossy and readings reliably, and sends a held waveform tail once it is due', async () => {
    const r = rig();
    startLiveLink(r.deps);
    r.emit({ type: 'hello', feed: FEED, window: 64 });
    r.emit({ type: 'devices', n: 1, devices: [device({ key: 'pleth', category: 'oximeter' })] });
    const wave = { type: 'waveform' as const, deviceKey: 'pleth', channels: ['pleth'], sampleRate: 100, unit: '1' };
    r.emit({ ...wave, n: 2, seq: 0, samples: [[1, 2, 3]] });
    r.emit({ type: 'reading', n: 3, reading: reading({ value: 97 }) });
    const types = () => r.sent.map((b) => decodeLiveFrame(b)).map((d) => (d.ok ? d.frame.type : null));
    expect(types()).toEqual(['stream', 'reading']);
    await r.advance(BATCH_MS);
    expect(types()).toEqual(['stream', 'reading', 'waveform']);
    expect(r.lossy).toEqual([false, false, true]);
  });

  it('counts the channel as congested only above its backlog', () => {
    expect(congestedAt(0)).toBe(false);
    expect(congestedAt(LIVE_BACKLOG_BYTES)).toBe(false);
    expect(congestedAt(LIVE_BACKLOG_BYTES + 1)).toBe(true);
  });
});
