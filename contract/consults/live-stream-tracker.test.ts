import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LiveFrame, LiveGap } from './live-frame-types.js';
import { createLiveStreamTracker } from './live-stream-tracker.js';

const batch = (frameSeq: number, seq: number, count = 10, stream = 1): LiveFrame => ({
  type: 'waveform',
  frameSeq,
  sentAt: 0,
  waveform: { stream, seq, channels: [0], resolution: null, samples: [Array.from({ length: count }, (_, i) => i)] },
});
const gapFrame = (frameSeq: number, seq: number, count: number): LiveFrame => ({
  type: 'gap',
  frameSeq,
  sentAt: 0,
  gap: { stream: 1, seq, count },
});
const reading = (frameSeq: number): LiveFrame => ({
  type: 'reading',
  frameSeq,
  sentAt: 0,
  reading: {
    kind: 'spo2',
    loinc: '59408-5',
    value: 97,
    unit: '%',
    interpretation: null,
    measuredAt: 0,
    device: 'CMS50D+',
  },
});
const stream = (frameSeq: number, sampleRate: number): LiveFrame => ({
  type: 'stream',
  frameSeq,
  sentAt: 0,
  stream: { id: 1, device: 'Cyton', kind: 'ecg', channels: ['II'], sampleRate, unit: 'uV' },
});

describe('live stream tracker', () => {
  it('uses consecutive batches and reports nothing lost', () => {
    const t = createLiveStreamTracker();
    expect(t.accept(batch(0, 100))).toEqual({ use: true, lost: [] });
    expect(t.accept(batch(1, 110))).toEqual({ use: true, lost: [] });
  });

  it('turns a lost frame into a gap of exactly its samples, never filled by a late arrival', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(0, 0));
    expect(t.accept(batch(2, 20))).toEqual({ use: true, lost: [{ stream: 1, seq: 10, count: 10 }] });
    expect(t.accept(batch(1, 10))).toEqual({ use: false, reason: 'stale' });
    expect(t.stats()).toMatchObject({ used: 2, stale: 1, skippedFrames: 1, lostSamples: 10 });
  });

  it('drops duplicates, including of a frame that was not the newest', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(0, 0));
    t.accept(reading(1));
    t.accept(batch(2, 10));
    expect(t.accept(batch(2, 10))).toEqual({ use: false, reason: 'duplicate' });
    expect(t.accept(reading(1))).toEqual({ use: false, reason: 'duplicate' });
    expect(t.stats().duplicates).toBe(2);
  });

  it('still shows a reading that a waveform batch overtook', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(5, 0));
    expect(t.accept(reading(4))).toEqual({ use: true, lost: [] });
  });

  it('follows the sender’s own gaps and the frames lost around them', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(0, 0));
    expect(t.accept(gapFrame(1, 10, 5))).toEqual({ use: true, lost: [] });
    expect(t.accept(batch(3, 25))).toEqual({ use: true, lost: [{ stream: 1, seq: 15, count: 10 }] });
  });

  it('keeps streams apart', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(0, 0, 10, 1));
    t.accept(batch(1, 500, 10, 2));
    expect(t.accept(batch(2, 10, 10, 1))).toEqual({ use: true, lost: [] });
  });

  it('keeps the newest stream description even when an older one arrives later', () => {
    const t = createLiveStreamTracker();
    t.accept(stream(3, 500));
    expect(t.accept(stream(2, 250))).toEqual({ use: false, reason: 'stale' });
    expect(t.stream(1)?.sampleRate).toBe(500);
    expect(t.stream(2)).toBeUndefined();
  });

  it('follows frame numbers across the uint32 wrap', () => {
    const t = createLiveStreamTracker();
    t.accept(batch(0xffffffff, 0));
    expect(t.accept(batch(0, 10))).toEqual({ use: true, lost: [] });
    expect(t.accept(batch(0xffffffff, 0))).toEqual({ use: false, reason: 'duplicate' });
    expect(t.stats().skippedFrames).toBe(0);
  });

  it('over any loss and reordering, uses each sample at most once and accounts for every one', () => {
    const total = 40;
    const plan = fc.array(fc.record({ keep: fc.boolean(), swap: fc.boolean(), dup: fc.boolean() }), {
      minLength: total,
      maxLength: total,
    });
    fc.assert(
      fc.property(plan, (steps) => {
        let arrivals = steps.flatMap((s, i) => (s.keep ? (s.dup ? [i, i] : [i]) : []));
        // Swapping neighbours is the reordering an unordered channel produces.
        steps.forEach((s, i) => {
          if (s.swap && i + 1 < arrivals.length) {
            arrivals = [
              ...arrivals.slice(0, i),
              arrivals[i + 1] as number,
              arrivals[i] as number,
              ...arrivals.slice(i + 2),
            ];
          }
        });
        const t = createLiveStreamTracker();
        const covered: number[] = [];
        const mark = (seq: number, count: number) => {
          for (let s = seq; s < seq + count; s++) covered.push(s);
        };
        for (const i of arrivals) {
          const v = t.accept(batch(i, i * 10));
          if (!v.use) continue;
          v.lost.forEach((g: LiveGap) => mark(g.seq, g.count));
          mark(i * 10, 10);
        }
        // Every sample from the first used one to the last is either used or reported lost, once.
        const sorted = [...covered].sort((a, b) => a - b);
        expect(new Set(sorted).size).toBe(sorted.length);
        if (sorted.length > 0) expect(sorted.at(-1)! - sorted[0]! + 1).toBe(sorted.length);
      }),
      { numRuns: 300 },
    );
  });
});
