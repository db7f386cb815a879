import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBeats } from './atr.js';
import { ecgData } from './test-data.js';
import { checksum16, microvolts, parseHeader, readRecord } from './wfdb.js';

describe('WFDB header', () => {
  it('fills the defaults the format defines: gain 200, baseline = ADC zero, units mV', () => {
    const h = parseHeader('rec 2 360 10\nrec.dat 212 200 11 1024 995 -22131 0 MLII\nrec.dat 212\n# a comment\n');
    expect(h).toMatchObject({ record: 'rec', sampleRate: 360, length: 10, comments: ['a comment'] });
    expect(h.signals[0]).toMatchObject({ format: 212, gain: 200, baseline: 1024, units: 'mV', adcZero: 1024 });
    expect(h.signals[0]).toMatchObject({ initialValue: 995, checksum: -22131, description: 'MLII' });
    expect(h.signals[1]).toMatchObject({ gain: 200, baseline: 0, adcResolution: 12, initialValue: undefined });
    expect(parseHeader('r 1 500 4\nr.dat 16 1000(-5)/uV').signals[0]).toMatchObject({
      gain: 1000,
      baseline: -5,
      units: 'uV',
    });
  });

  it('refuses what it cannot read instead of guessing', () => {
    expect(() => parseHeader('r 1 360 4\nr.dat 80 200')).toThrow(/format "80"/);
    expect(() => parseHeader('r 1 360 4\nr.dat 212x2 200')).toThrow(/format/);
    expect(() => parseHeader('r/2 1 360 4\nr_1 4')).toThrow(/multi-segment/);
  });

  it('sums to the 16-bit two’s-complement checksum', () => {
    expect(checksum16(Int16Array.from([32767, 1]))).toBe(-32768);
    expect(checksum16(Int16Array.from([-1, -1]))).toBe(-2);
  });
});

describe.skipIf(!ecgData.dir)('PhysioNet records', () => {
  const dir = ecgData.dir ?? '';

  it('reads mitdb/100 (format 212): first samples from the bytes, checksums from the header', () => {
    // The first three bytes are e3 33 f3: 0x3e3 = 995 (low nibble of 0x33), 0x3f3 = 1011 (high nibble).
    const bytes = readFileSync(join(dir, 'mitdb', '100.dat')).subarray(0, 3);
    expect(Array.from(bytes)).toEqual([0xe3, 0x33, 0xf3]);
    const r = readRecord(join(dir, 'mitdb'), '100');
    expect(r.header).toMatchObject({ sampleRate: 360, length: 650_000 });
    expect(r.header.signals.map((s) => s.description)).toEqual(['MLII', 'V5']);
    expect([r.digital[0]![0], r.digital[1]![0]]).toEqual([995, 1011]);
    expect(r.digital.map(checksum16)).toEqual([-22131, 20052]);
    // (995 − 1024) / 200 mV = −0.145 mV.
    expect(microvolts(r, 0)[0]).toBe(-145);
  });

  it('reads ptbdb/s0010_re (format 16, 12 leads in one file), and Einthoven holds in the data', () => {
    const r = readRecord(join(dir, 'ptbdb'), 's0010_re');
    expect(r.header).toMatchObject({ sampleRate: 1000, length: 38_400 });
    expect(r.header.signals.map((s) => s.description).slice(0, 12)).toEqual([
      'i',
      'ii',
      'iii',
      'avr',
      'avl',
      'avf',
      'v1',
      'v2',
      'v3',
      'v4',
      'v5',
      'v6',
    ]);
    expect(r.digital.map((d) => d[0])).toEqual(r.header.signals.map((s) => s.initialValue));
    expect(r.digital.map(checksum16)).toEqual(r.header.signals.map((s) => s.checksum));
    expect(microvolts(r, 0)[0]).toBe(-244.5); // −489 / 2000 mV
    // The recorder stored III itself, rounded its own way: II − I to within two ADC steps (1 µV).
    const [i, ii, iii] = [r.digital[0]!, r.digital[1]!, r.digital[2]!];
    let worst = 0;
    for (let t = 0; t < r.header.length; t++) worst = Math.max(worst, Math.abs(iii[t]! - (ii[t]! - i[t]!)));
    expect(worst).toBeLessThanOrEqual(2);
  });

  it('counts the annotated beats: 2,273 in record 100, 109,494 in the database', () => {
    const records = readFileSync(join(dir, 'mitdb', 'RECORDS'), 'utf8')
      .trim()
      .split(/\s+/);
    expect(readBeats(join(dir, 'mitdb', '100.atr'))).toHaveLength(2273);
    const total = records.reduce((n, rec) => n + readBeats(join(dir, 'mitdb', `${rec}.atr`)).length, 0);
    expect(total).toBe(109_494);
  });

  it('reads every mitdb record against its header checksums', () => {
    const records = readFileSync(join(dir, 'mitdb', 'RECORDS'), 'utf8')
      .trim()
      .split(/\s+/);
    expect(records).toHaveLength(48);
    for (const rec of records) expect(() => readRecord(join(dir, 'mitdb'), rec)).not.toThrow();
  });
});
