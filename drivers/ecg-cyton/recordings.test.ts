import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MEASURED_LEADS } from './leads.js';
import { findEcgData, loadRecording, mitRecording, ptbRecording, syntheticRecording } from './recordings.js';
import { renderLeads, syntheticBeats } from './synthetic.js';
import { ecgData } from './test-data.js';
import { microvolts, readRecord } from './wfdb.js';

const lead = (name: (typeof MEASURED_LEADS)[number]) => MEASURED_LEADS.indexOf(name);

/** R peaks in a signal: local maxima above half its maximum, at least 250 ms apart. */
function peaks(x: Float64Array, rate: number): number[] {
  const threshold = Math.max(...x) / 2;
  const out: number[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    if (
      x[i]! > threshold &&
      x[i]! >= x[i - 1]! &&
      x[i]! > x[i + 1]! &&
      (out.length === 0 || i - out.at(-1)! > rate / 4)
    ) {
      out.push(i);
    }
  }
  return out;
}

describe('synthetic 8-lead model', () => {
  it('beats at the heart rate asked for, with R peaks where the beats are', () => {
    for (const rate of [60, 72, 110]) {
      const beats = syntheticBeats(rate, 60);
      expect(beats.length).toBeGreaterThanOrEqual(rate - 2);
      expect(beats.length).toBeLessThanOrEqual(rate + 1);
      const leads = renderLeads(beats, 500, 500 * 60);
      const found = peaks(leads[lead('II')]!, 500);
      expect(found.length).toBe(beats.length);
      found.forEach((p, i) => expect(Math.abs(p / 500 - beats[i]!)).toBeLessThan(0.004));
    }
  });

  it('looks like a normal ECG: tall R in II and V6, mostly negative QRS in V1, mV-sized', () => {
    const r = syntheticRecording(500, 72, 5);
    const max = (l: (typeof MEASURED_LEADS)[number]) => Math.max(...r.leads[lead(l)]!);
    const min = (l: (typeof MEASURED_LEADS)[number]) => Math.min(...r.leads[lead(l)]!);
    expect(max('II')).toBeGreaterThan(800);
    expect(max('II')).toBeLessThan(2_000);
    expect(max('V6')).toBeGreaterThan(500);
    expect(-min('V1')).toBeGreaterThan(max('V1'));
    expect(r.synthetic).toEqual(MEASURED_LEADS);
  });
});

describe('where the data is', () => {
  it('takes the dir option, then CUNYI_ECG_DATA, then ../shared/data/ecg beside the repository', () => {
    const empty = mkdtempSync(join(tmpdir(), 'cunyi-ecg-'));
    try {
      expect(findEcgData({ env: {}, repoRoot: empty })).toMatchObject({ dir: null });
      expect(findEcgData({ env: { CUNYI_ECG_DATA: empty }, repoRoot: empty }).reason).toMatch(
        /CUNYI_ECG_DATA .* holds no/,
      );
      if (ecgData.dir) {
        expect(findEcgData({ env: { CUNYI_ECG_DATA: ecgData.dir }, repoRoot: empty }).dir).toBe(ecgData.dir);
        expect(findEcgData({ dir: ecgData.dir, env: {}, repoRoot: empty }).dir).toBe(ecgData.dir);
      }
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('falls back to the synthetic model, saying why, when a database is missing', () => {
    const { recording, reason } = loadRecording('ptbdb', 250, { dir: null, reason: 'no folder' });
    expect(recording.synthetic).toEqual(MEASURED_LEADS);
    expect(reason).toBe('synthetic, as ptbdb is not available: no folder');
  });
});

describe.skipIf(!ecgData.dir)('recordings for the simulator', () => {
  const dir = ecgData.dir ?? '';

  it('ptbdb/s0010_re at 500 and 250 samples/s: all 8 leads real, the filtered signal close to the original', () => {
    const original = readRecord(join(dir, 'ptbdb'), 's0010_re');
    const ii = microvolts(original, 1);
    for (const rate of [500, 250]) {
      const r = ptbRecording(dir, rate);
      expect(r.synthetic).toEqual([]);
      expect(r.leads.every((l) => l.length === 38.4 * rate)).toBe(true);
      // Sample n is the original at n·(1000/rate), less what lies above the pass band.
      const step = 1000 / rate;
      const out = r.leads[lead('II')]!;
      let error = 0;
      let power = 0;
      for (let n = 100; n < out.length - 100; n++) {
        error += (out[n]! - ii[n * step]!) ** 2;
        power += ii[n * step]! ** 2;
      }
      expect(Math.sqrt(error / power)).toBeLessThan(0.05);
    }
  });

  it('mitdb/100: MLII as lead II and V5 real, the other six synthetic on the annotated beats', () => {
    const r = mitRecording(dir, 500, '100', 20);
    expect(r.synthetic).toEqual(['I', 'V1', 'V2', 'V3', 'V4', 'V6']);
    expect(r.leads.every((l) => l.length === 20 * 500)).toBe(true);
    // The synthetic leads' R peaks sit on the real lead II's.
    const real = peaks(r.leads[lead('II')]!, 500);
    const made = peaks(r.leads[lead('V6')]!, 500);
    expect(made.length).toBe(real.length);
    made.forEach((p, i) => expect(Math.abs(p - real[i]!)).toBeLessThan(0.05 * 500));
  });
});
