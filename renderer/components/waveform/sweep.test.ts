import { describe, expect, it } from 'vitest';
import { planSweep, slotSpans, sweepPass, sweepSlot } from './sweep.js';
import { WaveRing } from './wave-ring.js';

describe('planSweep', () => {
  const source = () => {
    const r = new WaveRing(['II'], 10, 'uV', 100);
    r.write(0, [Array.from({ length: 30 }, (_, i) => i)]);
    return r;
  };

  it('draws everything held the first time, less the eraser ahead of the cursor', () => {
    const r = source();
    expect(planSweep(null, r, 'a', 20, 2)).toEqual({ kind: 'full', from: 12, to: 30 });
  });

  it('then draws only what arrived since the last frame', () => {
    const r = source();
    const mark = { source: r, generation: r.generation, head: r.head, layout: 'a' };
    expect(planSweep(mark, r, 'a', 20, 2)).toEqual({ kind: 'none' });
    r.write(30, [[1, 2, 3]]);
    expect(planSweep(mark, r, 'a', 20, 2)).toEqual({ kind: 'more', from: 30, to: 33 });
  });

  it('redraws everything after a layout change, a restart, or more than a sweep at once', () => {
    const r = source();
    const mark = { source: r, generation: r.generation, head: r.head, layout: 'a' };
    expect(planSweep(mark, r, 'b', 20, 2).kind).toBe('full');
    r.write(30, [Array.from({ length: 19 }, () => 0)]);
    expect(planSweep(mark, r, 'a', 20, 2).kind).toBe('full');
    r.write(0, [[1]]);
    expect(planSweep({ ...mark, head: 0 }, r, 'a', 20, 2).kind).toBe('full');
  });
});

describe('sweep positions', () => {
  it('splits a span where it wraps to the left edge', () => {
    expect(slotSpans(15, 18, 20)).toEqual([[15, 18]]);
    expect(slotSpans(18, 23, 20)).toEqual([
      [18, 20],
      [0, 3],
    ]);
    expect(slotSpans(0, 50, 20)).toEqual([[0, 20]]);
    expect(slotSpans(5, 5, 20)).toEqual([]);
  });

  it('places a sample by its number, whatever arrived before it', () => {
    expect([sweepSlot(2505, 2500), sweepPass(2505, 2500), sweepPass(2499, 2500)]).toEqual([5, 1, 0]);
  });
});
