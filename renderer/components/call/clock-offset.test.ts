import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ClockOffsetEstimator, clockSample } from './clock-offset.js';

/** A ping over a link with the given one-way delays, to a clock `offset` ahead of this one. */
const ping = (t0: number, offset: number, out: number, hold: number, back: number) =>
  clockSample(t0, t0 + out + offset, t0 + out + hold + offset, t0 + out + hold + back);

describe('clock offset', () => {
  it('finds the offset exactly on a symmetric link, and the round trip without the hold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1e12, max: 2e12 }),
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.nat(60_000),
        fc.nat(50),
        (t0, offset, oneWay, hold) => {
          expect(ping(t0, offset, oneWay, hold, oneWay)).toEqual({ offsetMs: offset, rttMs: 2 * oneWay });
        },
      ),
    );
  });

  it('is off by at most half the round trip on a lopsided link', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.nat(60_000), fc.nat(60_000), (offset, out, back) => {
        const s = ping(1e12, offset, out, 0, back);
        expect(s).not.toBeNull();
        expect(Math.abs((s?.offsetMs ?? NaN) - offset)).toBeLessThanOrEqual((s?.rttMs ?? NaN) / 2);
      }),
    );
  });

  it('refuses times that contradict each other', () => {
    expect(clockSample(1000, 5000, 4000, 1010)).toBeNull();
    expect(clockSample(1000, 5000, 5100, 1010)).toBeNull();
  });

  it('trusts the quickest recent round trip, not one that queued behind data', () => {
    const clock = new ClockOffsetEstimator(3);
    expect(clock.estimate()).toBeNull();
    clock.add(ping(0, 7_000, 20_000, 0, 30));
    clock.add(ping(1_000, 7_000, 40, 0, 40));
    clock.add(ping(2_000, 7_000, 9_000, 0, 30));
    expect(clock.estimate()).toEqual({ offsetMs: 7_000, rttMs: 80 });
    // The quick one ages out of the window: the best of what is left counts.
    clock.add(ping(3_000, 7_000, 500, 0, 300));
    clock.add(ping(4_000, 7_000, 600, 0, 600));
    clock.add(ping(5_000, 7_000, 700, 0, 700));
    expect(clock.estimate()).toEqual({ offsetMs: 7_100, rttMs: 800 });
  });
});
