import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallMode, LiveEvent } from '../../../../contract/index.js';
import { decodeLiveFrame, encodeLiveFrame } from '../../../../contract/consults/live-frame.js';
import type { LiveFrame } from '../../../../contract/consults/live-frame-types.js';
import { device, reading } from '../../devices/feed-fixtures.js';
import { FRAME_SAMPLE_BYTES, LiveFrameBuilder, STREAM_REPEAT_MS } from './live-frames.js';
import type { LiveMessage } from './live-frames.js';

const TWELVE = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'];
const ECG_KEY = 'mindray-r3@/dev/ttyUSB1';
const ecg = device({ key: ECG_KEY, category: 'ecg', manufacturer: 'Mindray', model: 'BeneHeart R3' });

function wave(seq: number, samples: number[][], patch: Partial<Extract<LiveEvent, { type: 'waveform' }>> = {}) {
  return {
    type: 'waveform',
    n: seq + 1,
    deviceKey: ECG_KEY,
    channels: TWELVE,
    sampleRate: 500,
    seq,
    unit: 'uV',
    samples,
    ...patch,
  } as const satisfies LiveEvent;
}
const leads = (count: number, f: (lead: number, i: number) => number) =>
  TWELVE.map((_, lead) => Array.from({ length: count }, (_, i) => f(lead, i)));

/** What the specialist's console decodes from a message: the codec both ways. */
function overTheWire(message: LiveMessage): LiveFrame {
  const decoded = decodeLiveFrame(encodeLiveFrame({ ...message, frameSeq: 7, sentAt: 1 }));
  if (!decoded.ok) throw new Error(decoded.error);
  return decoded.frame;
}

function builderWithEcg() {
  const b = new LiveFrameBuilder();
  b.messages({ type: 'devices', n: 1, devices: [ecg] }, null, 0);
  return b;
}

describe('live readings for the specialist', () => {
  it('sends a measured reading exactly as the device gave it, components and all', () => {
    const bp = reading({
      kind: 'bloodPressure',
      loinc: '85354-9',
      value: 165.5,
      unit: 'mm[Hg]',
      components: [
        { loinc: '8480-6', display: 'Systolic', value: 165.5, unit: 'mm[Hg]', interpretation: 'H' },
        { loinc: '8462-4', display: 'Diastolic', value: 95.25, unit: 'mm[Hg]', interpretation: null },
      ],
      measuredAt: '2026-11-30T03:00:01.250Z',
    });
    const [message] = new LiveFrameBuilder().messages({ type: 'reading', n: 1, reading: bp }, 'v360p15', 0);
    expect(message && overTheWire(message)).toMatchObject({
      type: 'reading',
      reading: {
        kind: 'bloodPressure',
        value: 165.5,
        measuredAt: Date.parse('2026-11-30T03:00:01.250Z'),
        device: 'Contec CMS50D+',
        components: [
          { loinc: '8480-6', value: 165.5, unit: 'mm[Hg]', interpretation: 'H' },
          { loinc: '8462-4', value: 95.25, unit: 'mm[Hg]', interpretation: null },
        ],
      },
    });
  });

  it('carries any measured value bit for bit', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (value) => {
        const [m] = new LiveFrameBuilder().messages({ type: 'reading', n: 1, reading: reading({ value }) }, null, 0);
        const frame = m && overTheWire(m);
        expect(frame?.type === 'reading' && Object.is(frame.reading.value, value)).toBe(true);
      }),
    );
  });

  it('does not send a reading twice, one read from device memory, or an ID card', () => {
    const b = new LiveFrameBuilder();
    const spo2 = reading();
    expect(b.messages({ type: 'reading', n: 1, reading: spo2 }, null, 0)).toHaveLength(1);
    // A new feed replays the pending readings: the same reading again.
    expect(b.messages({ type: 'reading', n: 1, reading: spo2 }, null, 0)).toEqual([]);
    expect(b.messages({ type: 'reading', n: 2, reading: reading({ stored: true }) }, null, 0)).toEqual([]);
    const card = { name: '张三', sex: 'male', birthDate: '1950-01-01', nationalId: '110101195001010011' } as const;
    expect(b.messages({ type: 'id-card', n: 3, deviceKey: 'reader', card }, null, 0)).toEqual([]);
  });
});

describe('live waveforms for the specialist', () => {
  it('describes a stream before its first samples, and again every few seconds', () => {
    const b = builderWithEcg();
    const first = b.messages(
      wave(
        0,
        leads(125, (l, i) => l * 1000 + i),
      ),
      'v360p15',
      1_000,
    );
    expect(first.map((m) => m.type)).toEqual(['stream', 'waveform']);
    expect(first[0]).toEqual({
      type: 'stream',
      stream: { id: 0, device: 'Mindray BeneHeart R3', kind: 'ecg', channels: TWELVE, sampleRate: 500, unit: 'uV' },
    });
    expect(
      b
        .messages(
          wave(
            125,
            leads(125, () => 0),
          ),
          'v360p15',
          1_000 + STREAM_REPEAT_MS - 1,
        )
        .map((m) => m.type),
    ).toEqual(['waveform']);
    expect(
      b
        .messages(
          wave(
            250,
            leads(125, () => 0),
          ),
          'v360p15',
          1_000 + STREAM_REPEAT_MS,
        )
        .map((m) => m.type),
    ).toEqual(['stream', 'waveform']);
  });

  it('sends all twelve leads on a good link and lead II alone on a thin one, values unchanged', () => {
    const samples = leads(125, (l, i) => (l + 1) * 12.5 * (i - 25));
    for (const [mode, want] of [
      ['v360p15', TWELVE.map((_, i) => i)],
      ['audio', [1]],
    ] as [CallMode, number[]][]) {
      const out = builderWithEcg().messages(wave(0, samples), mode, 0);
      const w = out.map(overTheWire).find((f) => f.type === 'waveform');
      expect(w?.type === 'waveform' && w.waveform.channels).toEqual(want);
      expect(w?.type === 'waveform' && w.waveform.samples).toEqual(want.map((c) => samples[c]));
      expect(w?.type === 'waveform' && w.waveform.seq).toBe(0);
    }
  });

  it('splits a long batch into frames of bounded size that join up, every sample kept', () => {
    const count = 700;
    const samples = leads(count, (l, i) => l + i / 3);
    const out = builderWithEcg().messages(wave(1_000, samples), 'v360p15', 0);
    const frames = out.map(overTheWire).flatMap((f) => (f.type === 'waveform' ? [f.waveform] : []));
    expect(frames.length).toBeGreaterThan(1);
    for (const f of frames)
      expect(f.samples.length * (f.samples[0]?.length ?? 0) * 8).toBeLessThanOrEqual(FRAME_SAMPLE_BYTES);
    let next = 1_000;
    for (const f of frames) {
      expect(f.seq).toBe(next);
      next += f.samples[0]?.length ?? 0;
    }
    expect(next).toBe(1_000 + count);
    const joined = TWELVE.map((_, lead) => frames.flatMap((f) => f.samples[lead] ?? []));
    expect(joined).toEqual(samples);
  });

  it('gives a stream a new id when its numbering restarts or the device comes back', () => {
    const b = builderWithEcg();
    const id = (ms: LiveMessage[]) => ms.find((m) => m.type === 'stream')?.stream.id;
    expect(
      id(
        b.messages(
          wave(
            500,
            leads(10, () => 1),
          ),
          null,
          0,
        ),
      ),
    ).toBe(0);
    // The device restarted and counts from 0 again.
    expect(
      id(
        b.messages(
          wave(
            0,
            leads(10, () => 1),
          ),
          null,
          10,
        ),
      ),
    ).toBe(1);
    b.messages({ type: 'devices', n: 9, devices: [{ ...ecg, state: 'disconnected' }] }, null, 20);
    b.messages({ type: 'devices', n: 10, devices: [ecg] }, null, 30);
    expect(
      id(
        b.messages(
          wave(
            10,
            leads(10, () => 1),
          ),
          null,
          40,
        ),
      ),
    ).toBe(2);
  });

  it("passes a device's gaps on for its stream, and none for a stream never described", () => {
    const b = builderWithEcg();
    expect(b.messages({ type: 'gap', n: 2, deviceKey: ECG_KEY, seq: 0, count: 5 }, null, 0)).toEqual([]);
    b.messages(
      wave(
        0,
        leads(10, () => 1),
      ),
      null,
      0,
    );
    // The samples held for a fuller frame go out before the gap.
    expect(b.messages({ type: 'gap', n: 3, deviceKey: ECG_KEY, seq: 10, count: 25 }, null, 0)).toEqual([
      {
        type: 'waveform',
        waveform: {
          stream: 0,
          seq: 0,
          channels: TWELVE.map((_, i) => i),
          resolution: null,
          samples: leads(10, () => 1),
        },
      },
      { type: 'gap', gap: { stream: 0, seq: 10, count: 25 } },
    ]);
    // After the gap the stream goes on where the gap ended, with the same id.
    expect(
      b
        .messages(
          wave(
            35,
            leads(10, () => 1),
          ),
          null,
          1,
        )
        .map((m) => m.type),
    ).toEqual([]);
    expect(b.due(250).map((m) => m.type)).toEqual([]);
    expect(b.due(1 + 250).map((m) => m.type === 'waveform' && m.waveform.seq)).toEqual([35]);
  });
});
