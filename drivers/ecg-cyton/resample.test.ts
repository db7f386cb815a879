import { describe, expect, it } from 'vitest';
import { resample } from './resample.js';

const sine = (hz: number, rate: number, seconds: number) =>
  Float64Array.from({ length: Math.round(rate * seconds) }, (_, i) => Math.sin((2 * Math.PI * hz * i) / rate));

/** Peak amplitude away from the edges (where the held edge value shapes the output). */
const amplitude = (x: Float64Array) => Math.max(...x.subarray(x.length / 4, (3 * x.length) / 4).map(Math.abs));

describe('resampling with an anti-alias low-pass', () => {
  it('passes ECG frequencies unchanged: 1000 → 250 and 360 → 500', () => {
    for (const [from, to] of [
      [1000, 250],
      [1000, 500],
      [360, 250],
      [360, 500],
    ] as const) {
      const out = resample(sine(10, from, 4), from, to);
      expect(out.length).toBe(4 * to);
      expect(amplitude(out)).toBeGreaterThan(0.995);
      expect(amplitude(out)).toBeLessThan(1.005);
      // And in phase: the output sample n is the input at time n / to.
      const n = 2 * to + 3;
      expect(out[n]).toBeCloseTo(Math.sin((2 * Math.PI * 10 * n) / to), 2);
    }
  });

  it('stops what would alias: 1000 → 250 leaves under 0.1 % of a 140 Hz or 400 Hz tone', () => {
    // Plain decimation would fold 140 Hz to 110 Hz and 400 Hz to 100 Hz at full amplitude.
    expect(amplitude(resample(sine(140, 1000, 4), 1000, 250))).toBeLessThan(1e-3);
    expect(amplitude(resample(sine(400, 1000, 4), 1000, 250))).toBeLessThan(1e-3);
  });

  it('keeps a constant level exactly, edges included', () => {
    const out = resample(new Float64Array(1000).fill(-145), 360, 500);
    expect(Math.max(...out.map((v) => Math.abs(v + 145)))).toBeLessThan(1e-9);
  });
});
