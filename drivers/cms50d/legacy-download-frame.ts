import { concatBytes } from '../core/byte-buffer.js';
import { fits } from './frame-scanner.js';

/**
 * The legacy stored-data download, after atbrask/CMS50Dplus:cms50dplus/cms50dplus.py
 * (getRecordedData, RecordedDataPoint). The host sends F5 F5; the device answers a preamble
 * F2 80 00 three times, a 3-byte length, then one 3-byte record per recorded second. The
 * host sends F6 F6 F6 afterwards to put the device back into live mode.
 */

export const DOWNLOAD_REQUEST = Uint8Array.of(0xf5, 0xf5);
export const BACK_TO_LIVE = Uint8Array.of(0xf6, 0xf6, 0xf6);
export const PREAMBLE = Uint8Array.of(0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00, 0xf2, 0x80, 0x00);
export const RECORD_LENGTH = 3;

/** One recorded second: pulse 0–255 bpm, SpO2 0–127 %. */
export interface StoredReading {
  readonly spo2: number;
  readonly pulse: number;
}

/**
 * The length field holds the number of record bytes minus one, 7 bits per byte; the first
 * two bytes carry bit 7, the third does not. An empty memory cannot be written this way and
 * the source does not say what the device sends then.
 */
export function encodeLength(records: number): Uint8Array {
  if (!Number.isInteger(records) || records < 1) throw new RangeError(`cannot encode ${records} records`);
  const field = fits(records * RECORD_LENGTH - 1, 21, 'length');
  return Uint8Array.of(0x80 | (field >> 14), 0x80 | ((field >> 7) & 0x7f), field & 0x7f);
}

/** Record bytes, or null when the length bytes break their bit-7 pattern. */
export function decodeLength(b: Uint8Array): number | null {
  const [a = 0, m = 0, c = 0] = b;
  if ((a & 0x80) === 0 || (m & 0x80) === 0 || (c & 0x80) !== 0) return null;
  return (((a & 0x7f) << 14) | ((m & 0x7f) << 7) | c) + 1;
}

/** Record: F0 | pulse bit 7, 80 | pulse low 7 bits, SpO2 (bit 7 clear). */
export function encodeRecord(r: StoredReading): Uint8Array {
  fits(r.pulse, 8, 'pulse');
  return Uint8Array.of(0xf0 | (r.pulse >> 7), 0x80 | (r.pulse & 0x7f), fits(r.spo2, 7, 'spo2'));
}

export const recordValid = (b: Uint8Array, at: number): boolean =>
  ((b[at] ?? 0) & 0xfe) === 0xf0 && ((b[at + 1] ?? 0) & 0x80) !== 0 && ((b[at + 2] ?? 0x80) & 0x80) === 0;

export function decodeRecord(b: Uint8Array, at: number): StoredReading {
  return { pulse: (((b[at] ?? 0) & 0x01) << 7) | ((b[at + 1] ?? 0) & 0x7f), spo2: b[at + 2] ?? 0 };
}

/** Everything the device sends in answer to F5 F5, as the simulator sends it. */
export function encodeDownload(records: readonly StoredReading[]): Uint8Array {
  return concatBytes([PREAMBLE, encodeLength(records.length), ...records.map(encodeRecord)]);
}
