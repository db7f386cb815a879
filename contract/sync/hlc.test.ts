import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  decodeHlc,
  encodeHlc,
  HlcText,
  HybridClock,
  MAX_HLC_COUNTER,
  MAX_HLC_DRIFT_MS,
  MAX_HLC_WALL,
  writeStamp,
} from './hlc.js';
import type { Hlc } from './hlc.js';

const NODE = '0190f5c2-7b1e-7c3a-9d2f-5a6b7c8d9e0f';
const T0 = Date.parse('2025-03-01T08:00:00Z');

/** A physical clock the test moves by hand. */
function manualTime(start = T0) {
  let t = start;
  return { now: () => t, set: (v: number) => (t = v), advance: (ms: number) => (t += ms) };
}

const arbHlc = fc.record({
  wall: fc.integer({ min: 0, max: MAX_HLC_WALL }),
  counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
  node: fc.stringMatching(/^[0-9A-Za-z_-]{1,64}$/),
});

const tuple = (a: Hlc, b: Hlc): number =>
  a.wall - b.wall || a.counter - b.counter || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0);

describe('encoding', () => {
  it('is fixed-width, round-trips, and sorts as text exactly as the (wall, counter, node) tuple sorts', () => {
    fc.assert(
      fc.property(arbHlc, arbHlc, (a, b) => {
        const ea = encodeHlc(a);
        expect(decodeHlc(ea)).toEqual(a);
        expect(HlcText.safeParse(ea).success).toBe(true);
        expect(Math.sign(compareHlc(ea, encodeHlc(b)))).toBe(Math.sign(tuple(a, b)));
      }),
    );
    expect(encodeHlc({ wall: T0, counter: 3, node: 'hub' })).toBe(`${T0.toString(36).padStart(9, '0')}-0003-hub`);
  });

  it('refuses readings it cannot encode and text it did not produce', () => {
    expect(() => encodeHlc({ wall: -1, counter: 0, node: 'a' })).toThrow(RangeError);
    expect(() => encodeHlc({ wall: 1.5, counter: 0, node: 'a' })).toThrow(RangeError);
    expect(() => encodeHlc({ wall: 0, counter: MAX_HLC_COUNTER + 1, node: 'a' })).toThrow(RangeError);
    expect(() => encodeHlc({ wall: 0, counter: 0, node: 'a b' })).toThrow(RangeError);
    expect(() => encodeHlc({ wall: 0, counter: 0, node: '' })).toThrow(RangeError);
    for (const text of [
      '',
      'lm3k-0000-a',
      '00000000a-000-a',
      '00000000A-0000-a',
      '00000000a-0000-',
      '00000000a-0000-a b',
    ])
      expect(() => decodeHlc(text), text).toThrow(RangeError);
  });
});

describe('HybridClock', () => {
  it('follows physical time when it moves forward and counts when it does not', () => {
    const time = manualTime();
    const clock = new HybridClock(NODE, null, time.now);
    expect(clock.now()).toEqual({ wall: T0, counter: 0, node: NODE });
    expect(clock.now()).toEqual({ wall: T0, counter: 1, node: NODE });
    time.advance(5);
    expect(clock.now()).toEqual({ wall: T0 + 5, counter: 0, node: NODE });
    // The PC's clock is set back a minute: readings keep increasing, on the logical counter.
    time.set(T0 - 60_000);
    expect(clock.now()).toEqual({ wall: T0 + 5, counter: 1, node: NODE });
  });

  it('restarts from a persisted reading and never goes back', () => {
    const time = manualTime(T0 - 10_000);
    const clock = new HybridClock(NODE, { wall: T0, counter: 7, node: 'other' }, time.now);
    expect(clock.now()).toEqual({ wall: T0, counter: 8, node: NODE });
  });

  it('receives per Kulkarni et al.: the next reading is after both the local and the remote one', () => {
    const time = manualTime();
    const clock = new HybridClock(NODE, null, time.now);
    clock.now(); // (T0, 0)
    // Remote ahead of us (within drift): take its wall, counter + 1.
    expect(clock.receive({ wall: T0 + 500, counter: 4, node: 'hub' })).toEqual({
      wall: T0 + 500,
      counter: 5,
      node: NODE,
    });
    // Same wall on both sides: the larger counter + 1.
    expect(clock.receive({ wall: T0 + 500, counter: 9, node: 'hub' })).toEqual({
      wall: T0 + 500,
      counter: 10,
      node: NODE,
    });
    // Remote behind: our own counter + 1.
    expect(clock.receive({ wall: T0, counter: 99, node: 'hub' })).toEqual({ wall: T0 + 500, counter: 11, node: NODE });
    // Physical time ahead of both: counter resets.
    time.advance(1_000);
    expect(clock.receive({ wall: T0 + 500, counter: 0, node: 'hub' })).toEqual({
      wall: T0 + 1_000,
      counter: 0,
      node: NODE,
    });
  });

  it('keeps its own pace when a remote clock is more than the allowed drift ahead', () => {
    const time = manualTime();
    const clock = new HybridClock(NODE, null, time.now);
    const wild = { wall: T0 + MAX_HLC_DRIFT_MS + 1, counter: 0, node: 'bad-station' };
    expect(clock.tooFarAhead(wild)).toBe(true);
    expect(clock.receive(wild)).toEqual({ wall: T0, counter: 0, node: NODE });
    expect(clock.last).toEqual({ wall: T0, counter: 0, node: NODE });
    const near = { wall: T0 + MAX_HLC_DRIFT_MS, counter: 0, node: 'ok-station' };
    expect(clock.tooFarAhead(near)).toBe(false);
    expect(clock.receive(near).wall).toBe(T0 + MAX_HLC_DRIFT_MS);
  });

  it('carries a full counter into the next millisecond rather than overflowing', () => {
    const time = manualTime();
    const clock = new HybridClock(NODE, { wall: T0, counter: MAX_HLC_COUNTER, node: NODE }, time.now);
    expect(clock.now()).toEqual({ wall: T0 + 1, counter: 0, node: NODE });
    const other = new HybridClock(NODE, null, time.now);
    expect(other.receive({ wall: T0, counter: MAX_HLC_COUNTER, node: 'hub' })).toEqual({
      wall: T0 + 1,
      counter: 0,
      node: NODE,
    });
  });

  it('is monotonic and after everything received, whatever physical time and messages do', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.record({ kind: fc.constant('tick' as const), jump: fc.integer({ min: -5_000, max: 5_000 }) }),
            fc.record({
              kind: fc.constant('receive' as const),
              jump: fc.integer({ min: -5_000, max: 5_000 }),
              offset: fc.integer({ min: -10_000, max: MAX_HLC_DRIFT_MS }),
              counter: fc.integer({ min: 0, max: MAX_HLC_COUNTER }),
            }),
          ),
          { maxLength: 60 },
        ),
        (steps) => {
          const time = manualTime();
          const clock = new HybridClock(NODE, null, time.now);
          let previous = '';
          let latestKnown = 0;
          for (const step of steps) {
            time.advance(step.jump);
            latestKnown = Math.max(latestKnown, time.now());
            let reading: Hlc;
            if (step.kind === 'tick') reading = clock.now();
            else {
              const remote = { wall: Math.max(0, time.now() + step.offset), counter: step.counter, node: 'peer' };
              reading = clock.receive(remote);
              latestKnown = Math.max(latestKnown, remote.wall);
              expect(compareHlc(encodeHlc(reading), encodeHlc(remote))).toBeGreaterThan(0);
            }
            const text = encodeHlc(reading);
            expect(text > previous).toBe(true);
            previous = text;
            // Close to real time: never ahead of the latest physical or received time but for a
            // counter's carry (at most one millisecond per reading).
            expect(reading.wall).toBeLessThanOrEqual(latestKnown + steps.length);
          }
        },
      ),
    );
  });
});

describe('writeStamp', () => {
  it('is after everything seen, and after a replaced reading even one too far ahead to follow', () => {
    const time = manualTime();
    const seenEarlier = encodeHlc({ wall: T0 - 1_000, counter: 0, node: 'a' });
    const seenLater = encodeHlc({ wall: T0 + 2_000, counter: 5, node: 'b' });
    const wild = encodeHlc({ wall: T0 + 10 * MAX_HLC_DRIFT_MS, counter: 3, node: 'c' });

    const plain = writeStamp(new HybridClock('hub', null, time.now), [seenEarlier, seenLater, wild], []);
    expect(decodeHlc(plain)).toEqual({ wall: T0 + 2_000, counter: 6, node: 'hub' });

    const clock = new HybridClock('hub', null, time.now);
    const replacing = writeStamp(clock, [seenEarlier, wild], [wild]);
    expect(decodeHlc(replacing)).toEqual({ wall: T0 + 10 * MAX_HLC_DRIFT_MS, counter: 4, node: 'hub' });
    // The wild reading was replaced but not followed: the clock itself stays near real time.
    expect(clock.last?.wall).toBe(T0);
  });
});
