import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_MS, WaveBatch } from './wave-batch.js';
import type { WaveRun } from './wave-batch.js';

const RATE = 500;
const chunk = (seq: number, count: number) => [Array.from({ length: count }, (_, i) => seq + i)];

describe('waveform batching', () => {
  it('turns a steady feed into ~4 runs a second that join up, every sample kept once', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 200 }), (sizes) => {
        const batch = new WaveBatch(RATE);
        const runs: WaveRun[] = [];
        let seq = 0;
        for (const size of sizes) {
          // The device sends `size` samples as soon as it has them: time follows the samples.
          runs.push(...batch.add(seq, [1], chunk(seq, size), (seq * 1000) / RATE));
          seq += size;
        }
        runs.push(...batch.flush());
        expect(runs.flatMap((r) => r.samples[0])).toEqual(chunk(0, seq)[0]);
        const perRun = (RATE * BATCH_MS) / 1000;
        // Every run but the last holds at least BATCH_MS of signal, and less than that plus one chunk.
        for (const r of runs.slice(0, -1)) {
          expect(r.samples[0]?.length).toBeGreaterThanOrEqual(perRun);
          expect(r.samples[0]?.length).toBeLessThan(perRun + 40);
        }
      }),
    );
  });

  it('sends a run once its first sample has waited BATCH_MS, however little it holds', () => {
    const batch = new WaveBatch(RATE);
    expect(batch.add(0, [1], chunk(0, 5), 1_000)).toEqual([]);
    expect(batch.due(1_000 + BATCH_MS - 1)).toEqual([]);
    expect(batch.holding()).toBe(true);
    expect(batch.due(1_000 + BATCH_MS)).toEqual([{ seq: 0, channels: [1], samples: chunk(0, 5) }]);
    expect(batch.holding()).toBe(false);
  });

  it('never joins samples across a hole in the numbering or a change of channels', () => {
    const batch = new WaveBatch(RATE);
    batch.add(0, [1], chunk(0, 5), 0);
    expect(batch.add(9, [1], chunk(9, 5), 1)).toEqual([{ seq: 0, channels: [1], samples: chunk(0, 5) }]);
    expect(batch.add(14, [0, 1], [chunk(14, 3)[0] ?? [], chunk(14, 3)[0] ?? []], 2)).toEqual([
      { seq: 9, channels: [1], samples: chunk(9, 5) },
    ]);
  });
});
