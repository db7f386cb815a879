import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type { LiveFrame } from '../../../../contract/consults/live-frame-types.js';
import { LiveFeed, liveAgeMs } from './live-feed.js';

let seq = 0;
const frame = (body: Record<string, unknown>, sentAt = 1_000): LiveFrame =>
  ({ frameSeq: seq++, sentAt, ...body }) as LiveFrame;

const spo2 = (value: number, measuredAt: number) =>
  frame({
    type: 'reading',
    reading: { kind: 'spo2', loinc: '59408-5', value, unit: '%', interpretation: 'L', measuredAt, device: 'CMS50D+' },
  });

const ecgStream = frame({
  type: 'stream',
  stream: { id: 3, device: 'ECG-12', kind: 'ecg', channels: ['I', 'II', 'III'], sampleRate: 500, unit: 'uV' },
});

describe('live feed', () => {
  it('keeps a reading exactly as sent, under the record kind of its LOINC code', () => {
    const feed = new LiveFeed();
    expect(feed.receive(encodeLiveFrame(spo2(93.25, 900)), 5_000)).toBe(true);
    expect(feed.values.get('spo2')).toMatchObject({
      value: 93.25,
      unit: '%',
      interpretation: 'L',
      measuredAt: 900,
      sentAt: 1_000,
      receivedAt: 5_000,
      device: 'CMS50D+',
    });
  });

  it('keeps blood pressure parts with their own flags', () => {
    const feed = new LiveFeed();
    const bp = frame({
      type: 'reading',
      reading: {
        kind: 'bloodPressure',
        loinc: '85354-9',
        value: 165,
        unit: 'mm[Hg]',
        interpretation: null,
        measuredAt: 1,
        device: 'BP',
        components: [
          { loinc: '8480-6', value: 165, unit: 'mm[Hg]', interpretation: 'H' },
          { loinc: '8462-4', value: 95.5, unit: 'mm[Hg]', interpretation: 'N' },
        ],
      },
    });
    feed.receive(encodeLiveFrame(bp), 2);
    expect(feed.values.get('bloodPressure')?.components.map((c) => [c.value, c.interpretation])).toEqual([
      [165, 'H'],
      [95.5, 'N'],
    ]);
  });

  it('never lets a late reading replace a newer one', () => {
    const feed = new LiveFeed();
    feed.apply(spo2(95, 2_000), 10);
    feed.apply(spo2(90, 1_000), 11);
    expect(feed.values.get('spo2')?.value).toBe(95);
  });

  it('refuses bytes that are not a live frame and counts them', () => {
    const feed = new LiveFeed();
    expect(feed.receive(Uint8Array.of(0x01, 0, 0), 1)).toBe(false);
    expect(feed.receive(Uint8Array.of(0x10), 1)).toBe(false);
    expect(feed.counts.rejected).toBe(2);
    expect(feed.values.size).toBe(0);
  });

  it('draws an ECG stream once described, keeps channels in place and gaps missing', () => {
    const feed = new LiveFeed();
    const early = frame({
      type: 'waveform',
      waveform: { stream: 3, seq: 0, channels: [1], resolution: null, samples: [[1, 2]] },
    });
    feed.apply(early, 1);
    expect(feed.ecg()).toBeNull();
    expect(feed.counts.droppedBatches).toBe(1);
    feed.apply(ecgStream, 1);
    feed.apply(
      frame({ type: 'waveform', waveform: { stream: 3, seq: 10, channels: [1], resolution: null, samples: [[5, 6]] } }),
      2,
    );
    const ecg = feed.ecg()!;
    expect(ecg.channels).toEqual(['I', 'II', 'III']);
    expect(ecg.at(1, 10)).toBe(5);
    expect(ecg.at(0, 10)).toBeNaN();
    feed.apply(frame({ type: 'gap', gap: { stream: 3, seq: 12, count: 3 } }), 3);
    expect(ecg.head).toBe(15);
    expect(ecg.at(1, 13)).toBeNaN();
    // A batch that comes after the head has moved on is late: dropped, nothing redrawn.
    feed.apply(
      frame({ type: 'waveform', waveform: { stream: 3, seq: 11, channels: [1], resolution: null, samples: [[9]] } }),
      4,
    );
    expect(ecg.at(1, 11)).toBe(6);
    expect(feed.counts.droppedBatches).toBe(2);
  });

  it('counts frames the numbers say never came, across the 32-bit wrap', () => {
    const feed = new LiveFeed();
    const at = (frameSeq: number) => ({ ...spo2(95, frameSeq), frameSeq });
    for (const n of [0xfffffffe, 0xffffffff, 2, 1, 5]) feed.apply(at(n), 0);
    expect(feed.counts.missed).toBe(2 + 2);
  });

  it('without a clock estimate, ages a value from the station clock to when it was sent, then by this clock', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.integer({ min: -1e9, max: 1e9 }), (inFlight, since, skew) => {
        // Whatever the offset between the two clocks, the age is the same.
        const value = { measuredAt: 1e12 + skew, sentAt: 1e12 + skew + inFlight, receivedAt: 5e11, measuredHere: null };
        expect(liveAgeMs(value, 5e11 + since)).toBe(inFlight + since);
      }),
    );
  });
});
