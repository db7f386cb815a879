import { byteAt, fits } from './frame-scanner.js';
import type { Match } from './frame-scanner.js';

/**
 * One live packet of the legacy firmware (≤ 4.5): 5 bytes, about 60 a second. Only byte 0
 * has bit 7 set; that bit is the whole of the framing (there is no checksum).
 * Field layout from atbrask/CMS50Dplus:cms50dplus/cms50dplus.py (LiveDataPoint).
 */
export interface LegacyLive {
  /** Byte 0, low 4 bits. */
  readonly signal: number;
  readonly fingerOut: boolean;
  readonly spo2Dropping: boolean;
  readonly beep: boolean;
  /** Byte 1: the pleth sample, 0–127 device units. */
  readonly pleth: number;
  /** Byte 2, low 4 bits. */
  readonly bar: number;
  readonly probeError: boolean;
  readonly searching: boolean;
  /** Bytes 2 (bit 6 → bit 7) and 3: bpm, 0–255. */
  readonly pulse: number;
  /** Byte 4: %, 0–127. */
  readonly spo2: number;
}

export const LEGACY_FRAME_LENGTH = 5;
const SYNC = 0x80;

export function encodeLegacyLive(m: LegacyLive): Uint8Array {
  fits(m.pulse, 8, 'pulse');
  return Uint8Array.of(
    SYNC | fits(m.signal, 4, 'signal') | (m.fingerOut ? 0x10 : 0) | (m.spo2Dropping ? 0x20 : 0) | (m.beep ? 0x40 : 0),
    fits(m.pleth, 7, 'pleth'),
    fits(m.bar, 4, 'bar') | (m.probeError ? 0x10 : 0) | (m.searching ? 0x20 : 0) | ((m.pulse & 0x80) >> 1),
    m.pulse & 0x7f,
    fits(m.spo2, 7, 'spo2'),
  );
}

/** Byte 0 must have bit 7 set and the four after it must not; nothing else can be checked. */
export function matchLegacyLive(bytes: Uint8Array, at: number): Match {
  if ((byteAt(bytes, at) & SYNC) === 0) return 'invalid';
  for (let k = 1; k < LEGACY_FRAME_LENGTH; k++) {
    if (at + k >= bytes.length) return 'more';
    if (byteAt(bytes, at + k) & SYNC) return 'invalid';
  }
  return { length: LEGACY_FRAME_LENGTH };
}

/** Decodes a frame that `matchLegacyLive` accepted. */
export function decodeLegacyLive(frame: Uint8Array): LegacyLive {
  const [b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0] = frame;
  return {
    signal: b0 & 0x0f,
    fingerOut: (b0 & 0x10) !== 0,
    spo2Dropping: (b0 & 0x20) !== 0,
    beep: (b0 & 0x40) !== 0,
    pleth: b1,
    bar: b2 & 0x0f,
    probeError: (b2 & 0x10) !== 0,
    searching: (b2 & 0x20) !== 0,
    pulse: ((b2 & 0x40) << 1) | b3,
    spo2: b4,
  };
}

/**
 * Whether a 5-byte frame passes every check the legacy protocol has. Any change to a value
 * bit (the low 7 bits of bytes 1–4, or bits 0–6 of byte 0) passes: the protocol cannot see it.
 */
export const legacyFrameValid = (frame: Uint8Array): boolean => {
  const found = matchLegacyLive(frame, 0);
  return typeof found === 'object' && found.length === frame.length;
};
