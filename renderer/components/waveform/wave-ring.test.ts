import { describe, expect, it } from 'vitest';
import { traceRuns } from './trace-runs.js';
import { WaveRing } from './wave-ring.js';

const ring = (capacity = 10) => new WaveRing(['pleth'], 60, '1', capacity);
const values = (r: WaveRing, from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => r.at(0, from + i));
const everything = () => 0;

describe('WaveRing', () => {
  it('keeps samples by sequence number, exactly, from the first batch on', () => {
    const r = ring();
    r.write(100, [[1, 2, 3]]);
    r.write(103, [[4.25, 5]]);
    expect(r.head).toBe(105);
    expect(r.oldest).toBe(100);
    expect(values(r, 100, 105)).toEqual([1, 2, 3, 4.25, 5]);
    expect(r.at(0, 99)).toBeNaN();
    expect(r.at(0, 105)).toBeNaN();
  });

  it('keeps only the last `capacity` samples', () => {
    const r = ring(4);
    r.write(0, [[1, 2, 3]]);
    r.write(3, [[4, 5, 6]]);
    expect(r.oldest).toBe(2);
    expect(values(r, 2, 6)).toEqual([3, 4, 5, 6]);
    expect(r.at(0, 1)).toBeNaN();
  });

  it('holds a jump in the sequence as missing samples, never as a join', () => {
    const r = ring();
    r.write(0, [[1, 2]]);
    r.write(5, [[6, 7]]);
    expect(values(r, 0, 7)).toEqual([1, 2, NaN, NaN, NaN, 6, 7]);
    expect(r.joins(1)).toBe(true);
    expect(r.joins(5)).toBe(false);
    expect(r.joins(6)).toBe(true);
    expect(traceRuns(r, 0, 0, r.head, everything)).toEqual([
      [0, 2],
      [5, 7],
    ]);
  });

  it('marks a gap event missing, ahead of the data or inside it', () => {
    const r = ring();
    r.write(0, [[1, 2, 3, 4]]);
    r.markMissing(4, 2);
    expect(r.head).toBe(6);
    r.write(6, [[7]]);
    r.markMissing(1, 1);
    expect(values(r, 0, 7)).toEqual([1, NaN, 3, 4, NaN, NaN, 7]);
    expect(traceRuns(r, 0, 0, r.head, everything)).toEqual([
      [0, 1],
      [2, 4],
      [6, 7],
    ]);
  });

  it('cuts the trace after skipped batches even when the next batch follows on', () => {
    const r = ring();
    r.write(0, [[1, 2]]);
    r.breakTrace();
    r.write(2, [[3, 4]]);
    expect(traceRuns(r, 0, 0, r.head, everything)).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('starts again when a stream restarts from an earlier number (a reconnected device)', () => {
    const r = ring();
    r.write(50, [[1, 2, 3]]);
    const generation = r.generation;
    r.write(0, [[9, 8]]);
    expect(r.generation).toBe(generation + 1);
    expect(r.oldest).toBe(0);
    expect(values(r, 0, 2)).toEqual([9, 8]);
    expect(r.at(0, 50)).toBeNaN();
  });

  it('keeps a channel the batch lacks as missing, and every channel apart', () => {
    const r = new WaveRing(['I', 'II'], 250, 'uV', 8);
    r.write(0, [[10, 20, 30], [-5]]);
    expect([r.at(0, 2), r.at(1, 0)]).toEqual([30, -5]);
    expect(r.at(1, 1)).toBeNaN();
    expect(r.fits(['I', 'II'], 250, 'uV')).toBe(true);
    expect(r.fits(['I', 'II'], 500, 'uV')).toBe(false);
  });
});

describe('traceRuns', () => {
  it('splits where the region changes (a sweep wrapping, a column edge) and leaves out null regions', () => {
    const r = ring(20);
    r.write(0, [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    const pass = (seq: number) => Math.floor(seq / 4);
    expect(traceRuns(r, 0, 0, 10, pass)).toEqual([
      [0, 4],
      [4, 8],
      [8, 10],
    ]);
    const column = (seq: number) => (seq % 4 < 2 ? 0 : null);
    expect(traceRuns(r, 0, 0, 10, column)).toEqual([
      [0, 2],
      [4, 6],
      [8, 10],
    ]);
  });

  it('draws nothing from samples it no longer holds', () => {
    const r = ring(4);
    r.write(0, [[0, 1, 2, 3, 4, 5]]);
    expect(traceRuns(r, 0, 0, 6, everything)).toEqual([[2, 6]]);
  });
});
