import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RECONNECT, reconnectDelay } from './reconnect-schedule.js';

describe('reconnectDelay', () => {
  it('doubles from the first delay up to the cap when jitter is at its top', () => {
    const top = () => 0.999999;
    const delays = [0, 1, 2, 3, 4, 5, 10, 1000].map((attempt) => reconnectDelay(attempt, top));
    expect(delays).toEqual([250, 500, 1000, 2000, 4000, 4000, 4000, 4000]);
  });

  it('never waits less than half its ceiling nor more than the cap, whatever the attempt and jitter', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, r) => {
        const delay = reconnectDelay(attempt, () => r);
        const ceiling = Math.min(RECONNECT.maxMs, RECONNECT.firstMs * 2 ** Math.min(attempt, 30));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
        expect(delay).toBeLessThanOrEqual(RECONNECT.maxMs);
      }),
    );
  });

  it('spreads consoles apart: different jitter gives different delays', () => {
    expect(reconnectDelay(3, () => 0)).toBe(1000);
    expect(reconnectDelay(3, () => 0.5)).toBe(1500);
  });
});
