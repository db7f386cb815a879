import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EcgStrip } from '../../../server/consults/console-wire.js';
import { pageCount, pageSamples, stripPageRing } from './strip-pages.js';

function strip(samples: (number | null)[][], sampleRate = 100): EcgStrip {
  return {
    observationId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    recordedAt: '2025-06-01T12:00:00+08:00',
    sampleRate,
    unit: 'uV',
    leads: samples.map((s, i) => ({ name: ['I', 'II', 'III'][i] ?? `L${i}`, samples: s })),
  };
}

describe('ECG strip pages', () => {
  it('keeps a sample that never arrived missing, and never joins a line across it', () => {
    const ring = stripPageRing(strip([[10, 20, null, 40, 50]]), 0);
    expect(ring.at(0, 0)).toBe(10);
    expect(ring.at(0, 1)).toBe(20);
    expect(ring.at(0, 2)).toBeNaN();
    expect(ring.at(0, 3)).toBe(40);
    expect(ring.joins(1)).toBe(true);
    expect(ring.head).toBe(5);
    expect(ring.oldest).toBe(0);
  });

  it('splits a 10-second strip into pages that a sweep shows whole', () => {
    const s = strip([Array.from({ length: 1000 }, (_, i) => i)]);
    expect(pageSamples(s)).toBe(975);
    expect(pageCount(s)).toBe(2);
    expect(stripPageRing(s, 1).at(0, 0)).toBe(975);
    expect(stripPageRing(s, 1).head).toBe(25);
  });

  it('shows every sample exactly once across the pages, with its value', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 500 }),
        fc.array(fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: null }), { maxLength: 3000 }),
        (rate, samples) => {
          const s = strip([samples], rate);
          const seen: (number | null)[] = [];
          for (let p = 0; p < pageCount(s); p++) {
            const ring = stripPageRing(s, p);
            for (let seq = ring.oldest; seq < ring.head; seq++) {
              const v = ring.at(0, seq);
              seen.push(Number.isNaN(v) ? null : v);
            }
          }
          expect(seen).toEqual(samples);
        },
      ),
      { numRuns: 60 },
    );
  });
});
