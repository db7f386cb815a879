import { xor } from './commands.js';

/**
 * One stored reading, as the 14 bytes after "OK\0" in a GME reply hold it (libomron
 * doc/omron_protocol_notes.asciidoc, "Get Individual Reading"): YY MM DD hh mm ss, two unknown
 * bytes, systolic, diastolic, pulse, one unknown byte, flags, and an XOR checksum of the 13
 * bytes before it. All fields are plain binary: the vendor capture has seconds 0x2E (46),
 * which is not a BCD digit pair.
 */
export interface BpRecord {
  /** Four-digit year: the unit stores only the last two digits, taken as 20YY. */
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** mmHg, exactly as stored. */
  readonly systolic: number;
  readonly diastolic: number;
  /** Beats per minute, exactly as stored. */
  readonly pulse: number;
  /** High nibble 1–3: first, second or third reading of a TruRead series; 0: a single reading. */
  readonly flags: number;
}

export const RECORD_LENGTH = 14;

/** The record in a verified GME reply, or null when it is not 14 bytes or its checksum fails. */
export function decodeRecord(bytes: Uint8Array): BpRecord | null {
  if (bytes.length !== RECORD_LENGTH || xor(bytes) !== 0) return null;
  const at = (i: number) => bytes[i] ?? 0;
  return {
    year: 2000 + at(0),
    month: at(1),
    day: at(2),
    hour: at(3),
    minute: at(4),
    second: at(5),
    systolic: at(8),
    diastolic: at(9),
    pulse: at(10),
    flags: at(12),
  };
}

/** The inverse, for the simulator: bytes 6, 7 and 11 (unknown) as given, checksum computed. */
export function encodeRecord(record: BpRecord, unknown: readonly [number, number, number] = [0, 0, 0]): Uint8Array {
  const bytes = Uint8Array.of(
    record.year % 100,
    record.month,
    record.day,
    record.hour,
    record.minute,
    record.second,
    unknown[0],
    unknown[1],
    record.systolic,
    record.diastolic,
    record.pulse,
    unknown[2],
    record.flags,
    0,
  );
  bytes[13] = xor(bytes.subarray(0, 13));
  return bytes;
}
