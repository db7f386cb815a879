import { describe, expect, it } from 'vitest';
import { applyEvent, EMPTY_FEED, MAX_PENDING, withoutReadings, withPending } from './feed-state.js';
import type { FeedState } from './feed-state.js';
import { device, reading } from './feed-fixtures.js';

const run = (...events: Parameters<typeof applyEvent>[1][]): FeedState => events.reduce(applyEvent, EMPTY_FEED);

describe('feed state', () => {
  it('starts a feed at hello, and a new hello starts over (the core replays what is pending)', () => {
    const first = run({ type: 'hello', feed: 'f1', window: 32 }, { type: 'reading', n: 1, reading: reading() });
    expect(first.feed).toBe('f1');
    expect(first.pending).toHaveLength(1);
    const again = applyEvent(first, { type: 'hello', feed: 'f2', window: 32 });
    expect(again).toMatchObject({ feed: 'f2', pending: [], devices: [] });
  });

  it('replaces a live value with the next of the same kind from the same device, keeping the value as sent', () => {
    const a = reading({ value: 97 });
    const b = reading({ value: 96.5, interpretation: 'L' });
    const pulse = reading({ kind: 'heartRate', value: 72, unit: '/min' });
    const state = run(
      { type: 'reading', n: 1, reading: a },
      { type: 'reading', n: 2, reading: pulse },
      { type: 'reading', n: 3, reading: b },
    );
    expect(state.pending.map((r) => r.id)).toEqual([b.id, pulse.id]);
    expect(state.live[a.deviceKey]?.['spo2']?.value).toBe(96.5);
    expect(state.live[a.deviceKey]?.['heartRate']?.value).toBe(72);
  });

  it('keeps every stored reading a device downloaded, newest first', () => {
    const cuff = 'omron@/dev/hidraw0';
    const one = reading({ deviceKey: cuff, kind: 'bloodPressure', stored: true });
    const two = reading({ deviceKey: cuff, kind: 'bloodPressure', stored: true });
    const state = run({ type: 'reading', n: 1, reading: one }, { type: 'reading', n: 2, reading: two });
    expect(state.pending.map((r) => r.id)).toEqual([two.id, one.id]);
    expect(state.live[cuff]).toBeUndefined();
  });

  it('drops the live values of a device that is unplugged, and keeps its stored ones', () => {
    const live = reading();
    const stored = reading({ stored: true });
    const state = run(
      { type: 'devices', n: 1, devices: [device()] },
      { type: 'reading', n: 2, reading: live },
      { type: 'reading', n: 3, reading: stored },
      { type: 'devices', n: 4, devices: [device({ state: 'disconnected' })] },
    );
    expect(state.pending.map((r) => r.id)).toEqual([stored.id]);
    expect(state.live).toEqual({});
    expect(state.devices[0]?.state).toBe('disconnected');
  });

  it('keeps at most as many readings as the core does', () => {
    const events = Array.from({ length: MAX_PENDING + 5 }, (_, i) => ({
      type: 'reading' as const,
      n: i + 1,
      reading: reading({ stored: true }),
    }));
    expect(run(...events).pending).toHaveLength(MAX_PENDING);
  });

  it('counts ID cards, so a screen can tell a new one from the last', () => {
    const card = { name: '张三', sex: 'male' as const, birthDate: '1960-01-02', nationalId: '110101196001020011' };
    const state = run(
      { type: 'id-card', n: 1, deviceKey: 'reader', card },
      { type: 'id-card', n: 2, deviceKey: 'reader', card },
    );
    expect(state.card).toEqual({ count: 2, deviceKey: 'reader', card });
  });

  it('counts skipped waveform batches per device', () => {
    const state = run(
      { type: 'skipped', n: 1, deviceKey: 'ecg', batches: 3 },
      { type: 'skipped', n: 2, deviceKey: 'ecg', batches: 2 },
    );
    expect(state.skipped).toEqual({ ecg: 5 });
  });

  it('takes confirmed or discarded readings off the list, and takes the core list when told to', () => {
    const a = reading({ stored: true });
    const b = reading({ stored: true });
    const state = run({ type: 'reading', n: 1, reading: a }, { type: 'reading', n: 2, reading: b });
    expect(withoutReadings(state, [a.id]).pending).toEqual([b]);
    expect(withoutReadings(state, ['nope'])).toBe(state);
    expect(withPending(state, [a]).pending).toEqual([a]);
  });
});
