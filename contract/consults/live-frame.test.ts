import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveFrame } from './live-frame-arbitraries.js';
import type { LiveFrame } from './live-frame-types.js';
import { LIVE_FRAME_TAG, LIVE_FRAME_VERSION, LIVE_LIMITS } from './live-frame-types.js';
import { decodeLiveFrame, encodeLiveFrame } from './live-frame.js';

const bp: LiveFrame = {
  type: 'reading',
  frameSeq: 0xffffffff,
  sentAt: 1_790_000_000_123.25,
  reading: {
    kind: 'bloodPressure',
    loinc: '85354-9',
    value: 142,
    unit: 'mm[Hg]',
    components: [
      { loinc: '8480-6', value: 142, unit: 'mm[Hg]', interpretation: 'H' },
      { loinc: '8462-4', value: 91, unit: 'mm[Hg]', interpretation: null },
    ],
    interpretation: 'H',
    measuredAt: 1_790_000_000_000,
    device: '欧姆龙 HEM-7136 电子血压计',
  },
};

const wave = (samples: number[][], resolution: number | null): LiveFrame => ({
  type: 'waveform',
  frameSeq: 7,
  sentAt: 1,
  waveform: { stream: 3, seq: 2 ** 40, channels: samples.map((_, i) => i), resolution, samples },
});

const roundTrip = (frame: LiveFrame) => decodeLiveFrame(encodeLiveFrame(frame));

describe('live frame codec', () => {
  it('gives back every valid frame exactly', () => {
    fc.assert(
      fc.property(liveFrame, (frame) => {
        expect(roundTrip(frame)).toEqual({ ok: true, frame });
      }),
      { numRuns: 400 },
    );
  });

  it('keeps a blood-pressure reading with its components, and keeps absent apart from empty', () => {
    expect(roundTrip(bp)).toEqual({ ok: true, frame: bp });
    const { components: _, ...bare } = bp.reading;
    const none = roundTrip({ ...bp, reading: bare });
    expect(none.ok && 'components' in none.frame).toBe(false);
    const empty = roundTrip({ ...bp, reading: { ...bare, components: [] } });
    expect(empty.ok && empty.frame.type === 'reading' && empty.frame.reading.components).toEqual([]);
  });

  it('starts with the tag and the version', () => {
    const bytes = encodeLiveFrame(bp);
    expect([bytes[0], bytes[1]]).toEqual([LIVE_FRAME_TAG, LIVE_FRAME_VERSION]);
  });

  it('keeps samples that are not multiples of the resolution as they are', () => {
    // 0.1 + 0.2 is not 3 × 0.1 in float64; the codec must not "correct" it.
    const odd = wave([[0.1 + 0.2, 5e-324, -1e308, Infinity]], 0.1);
    expect(roundTrip(odd)).toEqual({ ok: true, frame: odd });
  });

  it('keeps −0 apart from 0 among otherwise whole samples', () => {
    for (const resolution of [null, 1, 0.5]) {
      const back = roundTrip(wave([[3, -0, -2, 0]], resolution));
      const samples = back.ok && back.frame.type === 'waveform' ? back.frame.waveform.samples[0] : [];
      expect(samples?.map((v) => Object.is(v, -0))).toEqual([false, true, false, false]);
    }
  });

  it('sends whole samples in the smallest exact form', () => {
    const size = (samples: number[]) => encodeLiveFrame(wave([samples], 1)).length;
    // Against one sample of 1000, which takes a 2-byte varint:
    const more = (samples: number[]) => size(samples) - size([1000]);
    const run = (step: number) => Array.from({ length: 11 }, (_, i) => 1000 + i * step);
    expect(more(run(3))).toBe(10); // ten 1-byte varint deltas
    expect(more(run(20_000))).toBe(4 + 20 - 2); // an int32 first step, then ten int16 deltas
    expect(more(run(200_000_000))).toBe(44 - 2); // eleven int32 steps
    expect(more([0.5])).toBe(8 - 2); // one float64
  });

  it('keeps half-step derived leads exact', () => {
    const step = 0.02235174179077148; // 4.5 V / 24 / (2^23 − 1) in µV, as an ADS1299 gives it
    const counts = [[-7, 3, 120_001, -8_388_607]];
    const samples = counts.map((c) => c.map((k) => (-k / 2) * step));
    const frame = wave(samples, step / 2);
    expect(roundTrip(frame)).toEqual({ ok: true, frame });
  });

  it('refuses frames it cannot carry unchanged', () => {
    expect(() => encodeLiveFrame({ ...bp, frameSeq: 2 ** 32 })).toThrow(RangeError);
    expect(() => encodeLiveFrame({ ...bp, frameSeq: -1 })).toThrow(RangeError);
    expect(() => encodeLiveFrame({ ...bp, reading: { ...bp.reading, device: 'a\uD800b' } })).toThrow(RangeError);
    expect(() =>
      encodeLiveFrame({ ...bp, reading: { ...bp.reading, device: '心'.repeat(LIVE_LIMITS.stringBytes) } }),
    ).toThrow(RangeError);
    const w = wave([[1, 2]], null);
    if (w.type !== 'waveform') throw new Error('fixture');
    const bad = (waveform: Partial<typeof w.waveform>) => () =>
      encodeLiveFrame({ ...w, waveform: { ...w.waveform, ...waveform } });
    expect(bad({ channels: [1, 0], samples: [[1], [2]] })).toThrow(RangeError);
    expect(bad({ channels: [32] })).toThrow(RangeError);
    expect(bad({ channels: [0, 1], samples: [[1, 2], [3]] })).toThrow(RangeError);
    expect(bad({ samples: [[]] })).toThrow(RangeError);
    expect(bad({ seq: 0.5 })).toThrow(RangeError);
    expect(bad({ stream: LIVE_LIMITS.maxStreamId + 1 })).toThrow(RangeError);
    expect(() =>
      encodeLiveFrame({ type: 'gap', frameSeq: 1, sentAt: 0, gap: { stream: 1, seq: 0, count: 0 } }),
    ).toThrow(RangeError);
  });

  it('names what is wrong with bytes that are not a frame', () => {
    const bytes = encodeLiveFrame(bp);
    const with_ = (i: number, v: number) => bytes.map((b, j) => (j === i ? v : b));
    expect(decodeLiveFrame(new Uint8Array())).toEqual({ ok: false, error: 'truncated' });
    expect(decodeLiveFrame(with_(0, 0x01))).toEqual({ ok: false, error: 'bad-tag' });
    expect(decodeLiveFrame(with_(1, 2))).toEqual({ ok: false, error: 'bad-version' });
    expect(decodeLiveFrame(with_(2, 9))).toEqual({ ok: false, error: 'unknown-type' });
    expect(decodeLiveFrame(new Uint8Array([...bytes, 0]))).toEqual({ ok: false, error: 'malformed' });
  });

  it('refuses an overlong varint, so a frame has one encoding', () => {
    const gap: LiveFrame = { type: 'gap', frameSeq: 1, sentAt: 0, gap: { stream: 1, seq: 2, count: 3 } };
    const bytes = encodeLiveFrame(gap);
    const head = bytes.subarray(0, 15);
    expect([...bytes.subarray(15)]).toEqual([1, 2, 3]);
    expect(decodeLiveFrame(new Uint8Array([...head, 0x81, 0x00, 2, 3]))).toEqual({ ok: false, error: 'malformed' });
  });

  it('rejects every truncation of a valid frame', () => {
    fc.assert(
      fc.property(liveFrame, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (frame, cut) => {
        const bytes = encodeLiveFrame(frame);
        const result = decodeLiveFrame(bytes.subarray(0, Math.floor(cut * bytes.length)));
        expect(result).toEqual({ ok: false, error: 'truncated' });
      }),
      { numRuns: 300 },
    );
  });
});
