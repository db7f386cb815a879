import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromHex } from '../core/byte-buffer.js';
import { LegacyDownloadDecoder } from './legacy-download-decoder.js';
import { decodeLength, encodeDownload, encodeLength } from './legacy-download-frame.js';
import type { LegacyDownloadMessage } from './legacy-download-decoder.js';

// Leftover live packet, preamble ×3, length field 5 (= 6 bytes, 2 records), two records
// (F0 C8 61: pulse 72, SpO2 97; F1 80 5F: pulse 128, SpO2 95), then the stream goes quiet.
const ANSWER = 'E7 40 0A 48 61  F2 80 00 F2 80 00 F2 80 00  80 80 05  F0 C8 61  F1 80 5F';
const EXPECTED: LegacyDownloadMessage[] = [
  { kind: 'header', records: 2 },
  { kind: 'record', pulse: 72, spo2: 97 },
  { kind: 'record', pulse: 128, spo2: 95 },
  { kind: 'end' },
];

describe('legacy download', () => {
  test('decodes a hand-written answer, split at every possible point', () => {
    const bytes = fromHex(ANSWER);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const decoder = new LegacyDownloadDecoder();
      expect([...decoder.push(bytes.slice(0, cut)), ...decoder.push(bytes.slice(cut))]).toEqual(EXPECTED);
    }
  });

  test('nothing past the announced length is read', () => {
    const decoder = new LegacyDownloadDecoder();
    expect(decoder.push(fromHex(`${ANSWER} F0 C8 61 E7 40 0A 48 61`))).toEqual(EXPECTED);
    expect(decoder.push(fromHex('F0 C8 61'))).toEqual([]);
  });

  test('a record out of step is skipped, counted, and still uses up the length', () => {
    const decoder = new LegacyDownloadDecoder();
    const out = decoder.push(fromHex('F2 80 00 F2 80 00 F2 80 00  80 80 08  F0 C8 61  F0 48 61  F1 80 5F'));
    expect(out).toEqual([
      { kind: 'header', records: 3 },
      { kind: 'record', pulse: 72, spo2: 97 },
      { kind: 'record', pulse: 128, spo2: 95 },
      { kind: 'end' },
    ]);
    expect(decoder.dropped).toBe(1);
  });

  test('a length that breaks its bit pattern is dropped and the preamble sought again', () => {
    const decoder = new LegacyDownloadDecoder();
    expect(decoder.push(fromHex('F2 80 00 F2 80 00 F2 80 00  00 80 05'))).toEqual([]);
    expect(decoder.dropped).toBe(1);
    expect(decoder.push(fromHex('F2 80 00 F2 80 00 F2 80 00  80 80 02  F0 C8 61'))).toHaveLength(3);
  });

  test('the length field holds bytes − 1 in 7-bit groups, for up to 24 h of records', () => {
    expect(decodeLength(encodeLength(2))).toBe(6);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 24 * 3600 }),
        (records) => decodeLength(encodeLength(records)) === records * 3,
      ),
      { numRuns: 2_000 },
    );
  });

  test('encoder and decoder agree on any recording', () => {
    const reading = fc.record({ pulse: fc.integer({ min: 0, max: 255 }), spo2: fc.integer({ min: 0, max: 127 }) });
    fc.assert(
      fc.property(fc.array(reading, { minLength: 1, maxLength: 50 }), (records) => {
        const out = new LegacyDownloadDecoder().push(encodeDownload(records));
        expect(out.filter((m) => m.kind === 'record').map(({ pulse, spo2 }) => ({ pulse, spo2 }))).toEqual(records);
      }),
      { numRuns: 2_000 },
    );
  });

  test('random bytes never throw', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
        const decoder = new LegacyDownloadDecoder();
        for (const chunk of chunks) decoder.push(chunk);
      }),
      { numRuns: 5_000 },
    );
  });
});
