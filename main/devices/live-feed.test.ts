import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../contract/devices/devices-domain.js';
import { LiveFeed } from './live-feed.js';
import type { FeedEvent } from './live-feed.js';

const wave = (seq: number): FeedEvent => ({
  type: 'waveform',
  deviceKey: 'ecg',
  channels: ['I'],
  sampleRate: 500,
  seq,
  unit: 'uV',
  samples: [[seq]],
});
const gap = (seq: number): FeedEvent => ({ type: 'gap', deviceKey: 'ecg', seq, count: 1 });

function screen(feed: LiveFeed) {
  const got: LiveEvent[] = [];
  const { feed: id, unsubscribe } = feed.subscribe((e) => got.push(e));
  const last = () => Math.max(0, ...got.flatMap((e) => ('n' in e ? [e.n] : [])));
  return { got, id, unsubscribe, ackAll: () => feed.ack(id, last()) };
}

describe('LiveFeed', () => {
  it('names the feed first, then numbers events in order', () => {
    const feed = new LiveFeed(4);
    const s = screen(feed);
    feed.publish(wave(0));
    feed.publish(gap(1));
    expect(s.got.map((e) => e.type)).toEqual(['hello', 'waveform', 'gap']);
    expect(s.got[0]).toMatchObject({ type: 'hello', feed: s.id, window: 4 });
    expect(s.got.slice(1).map((e) => ('n' in e ? e.n : -1))).toEqual([1, 2]);
  });

  it('never has more than the window in flight; a slow screen loses waveform batches, counted, and nothing else', () => {
    const feed = new LiveFeed(3);
    const s = screen(feed);
    for (let i = 0; i < 10; i++) feed.publish(wave(i));
    feed.publish(gap(10));
    feed.publish({ type: 'devices', devices: [] });
    // Three waveforms in flight; the rest of the waveforms dropped; the gap and devices held.
    expect(s.got.slice(1).map((e) => e.type)).toEqual(['waveform', 'waveform', 'waveform']);
    s.ackAll();
    expect(s.got.slice(4).map((e) => e.type)).toEqual(['skipped', 'gap', 'devices']);
    expect(s.got[4]).toMatchObject({ type: 'skipped', deviceKey: 'ecg', batches: 7 });
    s.ackAll();
    feed.publish(wave(11));
    expect(s.got.at(-1)).toMatchObject({ type: 'waveform', seq: 11 });
  });

  it('a fast screen gets every batch while a slow one on the same feed falls behind', () => {
    const feed = new LiveFeed(2);
    const fast = screen(feed);
    const slow = screen(feed);
    for (let i = 0; i < 20; i++) {
      feed.publish(wave(i));
      fast.ackAll();
    }
    expect(fast.got.filter((e) => e.type === 'waveform')).toHaveLength(20);
    expect(slow.got.filter((e) => e.type === 'waveform')).toHaveLength(2);
  });

  it('stops feeding a screen that never acknowledges rather than holding without bound', () => {
    const feed = new LiveFeed(1, 5);
    screen(feed);
    for (let i = 0; i < 10; i++) feed.publish(gap(i));
    expect(feed.subscriberCount).toBe(0);
  });

  it('ignores acknowledgements for unknown feeds and beyond what was sent', () => {
    const feed = new LiveFeed(2);
    const s = screen(feed);
    expect(feed.ack('0197a0e0-0000-7000-8000-000000000000', 5)).toBe(false);
    feed.publish(gap(0));
    // Acknowledging far ahead must not open the window beyond what was really sent.
    feed.ack(s.id, 1_000);
    for (let i = 1; i < 6; i++) feed.publish(wave(i));
    expect(s.got.filter((e) => e.type === 'waveform')).toHaveLength(2);
  });
});
