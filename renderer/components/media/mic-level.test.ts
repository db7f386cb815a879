import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { micLevel } from './mic-level.js';

const sine = (amplitude: number, n = 1024) => Float32Array.from({ length: n }, (_, i) => amplitude * Math.sin(i / 5));

describe('the microphone level meter', () => {
  it('is empty for silence and full at full scale', () => {
    expect(micLevel(new Float32Array(1024))).toBe(0);
    expect(micLevel([])).toBe(0);
    expect(micLevel(new Float32Array(1024).fill(1))).toBe(1);
  });

  it('follows decibels: every tenfold drop in amplitude takes a third off the bar', () => {
    const full = micLevel(new Float32Array(1024).fill(1));
    expect(full - micLevel(new Float32Array(1024).fill(0.1))).toBeCloseTo(1 / 3, 6);
    expect(micLevel(new Float32Array(1024).fill(0.01))).toBeCloseTo(1 / 3, 6);
    expect(micLevel(new Float32Array(1024).fill(0.0005))).toBe(0);
  });

  it('rises with loudness and stays within 0..1', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const l = micLevel(sine(lo));
        const h = micLevel(sine(hi));
        expect(l).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(1);
        expect(h).toBeGreaterThanOrEqual(l);
      }),
    );
  });
});
