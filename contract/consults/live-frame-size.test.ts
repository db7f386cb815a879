import { describe, expect, it } from 'vitest';
import type { LiveFrame } from './live-frame-types.js';
import { decodeLiveFrame, encodeLiveFrame } from './live-frame.js';

const RATE = 500;

/**
 * One second of a lead-II-like trace at 72/min: P, QRS and T as Gaussian bumps, baseline
 * wander and a little deterministic noise, in whole microvolts, as an ADC with 1 µV counts
 * would report it.
 */
function leadTwo(seconds: number): number[] {
  const waves = [
    { at: 0.16, width: 0.025, uV: 150 },
    { at: 0.26, width: 0.008, uV: -120 },
    { at: 0.28, width: 0.01, uV: 1300 },
    { at: 0.3, width: 0.009, uV: -300 },
    { at: 0.55, width: 0.04, uV: 350 },
  ];
  let noise = 12345;
  return Array.from({ length: seconds * RATE }, (_, i) => {
    const t = i / RATE;
    const inBeat = t % (60 / 72);
    const ecg = waves.reduce((sum, w) => sum + w.uV * Math.exp(-(((inBeat - w.at) / w.width) ** 2) / 2), 0);
    noise = (noise * 1103515245 + 12345) % 2 ** 31;
    return Math.round(ecg + 60 * Math.sin(2 * Math.PI * 0.3 * t) + ((noise % 17) - 8));
  });
}

/** Bytes to send `samples` in batches of `batch`, every frame checked to decode back exactly. */
function bytesFor(samples: number[], batch: number, resolution: number | null): number {
  let total = 0;
  for (let seq = 0; seq < samples.length; seq += batch) {
    const frame: LiveFrame = {
      type: 'waveform',
      frameSeq: seq / batch,
      sentAt: 1_790_000_000_000 + seq * 2,
      waveform: {
        stream: 1,
        seq: 123_456 + seq,
        channels: [1],
        resolution,
        samples: [samples.slice(seq, seq + batch)],
      },
    };
    const bytes = encodeLiveFrame(frame);
    expect(decodeLiveFrame(bytes)).toEqual({ ok: true, frame });
    total += bytes.length;
  }
  return total;
}

describe('live frame size', () => {
  const second = leadTwo(1);

  it('sends 1 s of 500 Hz lead II in whole µV, in 100 ms batches, in under 1,250 bytes', () => {
    // Measured: 785 bytes (6.3 kbit/s): 10 frames × 26 bytes of header, 525 bytes of samples.
    expect(bytesFor(second, 50, 1)).toBeLessThan(1250);
  });

  it('stays under 10 kbit/s even in the ECG driver’s 40 ms batches', () => {
    // Measured: 1,180 bytes (9.4 kbit/s): 25 × 26 bytes of header outweigh the 530 of samples.
    expect(bytesFor(second, 20, 1)).toBeLessThan(1250);
  });

  it('costs less as steps than as float64, which it falls back to only when it must', () => {
    const exact = bytesFor(second, 50, 1);
    const inexact = bytesFor(
      second.map((v) => v + 0.1),
      50,
      1,
    );
    expect(inexact).toBeGreaterThan(RATE * 8);
    expect(exact).toBeLessThan(inexact / 4);
  });

  it('keeps the 0.011 µV steps of a 24× ADS1299 under 12 kbit/s', () => {
    // Half the count size, as the ECG driver reports (derived leads are half-counts).
    const step = 0.02235174179077148 / 2;
    const counts = second.map((uV) => Math.round(uV / 0.02235174179077148));
    const samples = counts.map((c) => 2 * c * step);
    // Measured: 1,285 bytes (10.3 kbit/s): deltas of hundreds of steps take ~2 bytes each.
    expect(bytesFor(samples, 50, step)).toBeLessThan(1500);
  });
});
