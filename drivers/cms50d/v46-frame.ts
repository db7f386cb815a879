import { byteAt, fits } from './frame-scanner.js';
import type { Match } from './frame-scanner.js';

/**
 * Firmware 4.6 / CMS50E packets. Every packet starts with a type byte with bit 7 clear and
 * every byte after it has bit 7 set (headrotor/contec_data:stream_data.py); values are the
 * low 7 bits. Live packets end in FF FF in every trace the sources show (MarkMLl's
 * consoleapp.pas rejects a packet without them), so that is checked too. No checksum.
 */

/** 9-byte live packet `01 <status> <info> <pleth> <aux> <pulse> <spo2> FF FF`. */
export interface V46Live {
  readonly kind: 'live';
  /** Byte 1, low 7 bits: 0x60 when pulse and SpO2 are valid; bit 0 finger out, bit 1 searching. */
  readonly status: number;
  /** Byte 2, low 7 bits: signal strength in bits 0–3, bit 6 a pulse-beat marker. */
  readonly info: number;
  /** Byte 3: the pleth sample. */
  readonly pleth: number;
  /** Byte 4: a second slow waveform or bar graph; the sources disagree, so it is passed on raw. */
  readonly aux: number;
  readonly pulse: number;
  readonly spo2: number;
}

/** 8-byte stored packet `0F <flags> S0 P0 S1 P1 S2 P2`: three recorded seconds. */
export interface V46Stored {
  readonly kind: 'stored';
  /** Byte 1, low 7 bits: bits 1, 3, 5 add 127 to P0, P1, P2 (headrotor's reading). */
  readonly flags: number;
  /** S0 P0 S1 P1 S2 P2, low 7 bits each. */
  readonly raw: readonly [number, number, number, number, number, number];
}

export type V46Message = V46Live | V46Stored;

export const LIVE_TYPE = 0x01;
export const STORED_TYPE = 0x0f;
export const V46_FRAME_LENGTH = 9;

export const encodeV46 = (m: V46Message): Uint8Array =>
  m.kind === 'live'
    ? Uint8Array.of(
        LIVE_TYPE,
        ...[m.status, m.info, m.pleth, m.aux, m.pulse, m.spo2].map((v, i) => 0x80 | fits(v, 7, `live byte ${i + 1}`)),
        0xff,
        0xff,
      )
    : Uint8Array.of(STORED_TYPE, ...[m.flags, ...m.raw].map((v, i) => 0x80 | fits(v, 7, `stored byte ${i + 1}`)));

export function matchV46(bytes: Uint8Array, at: number): Match {
  const type = byteAt(bytes, at);
  const length = type === LIVE_TYPE ? 9 : type === STORED_TYPE ? 8 : 0;
  if (length === 0) return 'invalid';
  for (let k = 1; k < length; k++) {
    if (at + k >= bytes.length) return 'more';
    const b = byteAt(bytes, at + k);
    if ((b & 0x80) === 0) return 'invalid';
    if (type === LIVE_TYPE && k >= 7 && b !== 0xff) return 'invalid';
  }
  return { length };
}

export function decodeV46(frame: Uint8Array): V46Message {
  const v = Array.from(frame, (b) => b & 0x7f);
  const at = (i: number) => v[i] ?? 0;
  if (frame[0] === LIVE_TYPE) {
    return { kind: 'live', status: at(1), info: at(2), pleth: at(3), aux: at(4), pulse: at(5), spo2: at(6) };
  }
  return { kind: 'stored', flags: at(1), raw: [at(2), at(3), at(4), at(5), at(6), at(7)] };
}

/**
 * Whether these bytes hold a packet that passes every check the 4.6 protocol has (framing
 * only: no checksum), anywhere in them. Both packet types share the framing, so a damaged
 * live packet can still hold a well-framed stored one (status 0x8F losing bit 7 becomes the
 * stored type 0x0F): no parser can tell that from a real one.
 */
export const v46FrameValid = (bytes: Uint8Array): boolean =>
  bytes.some((_, i) => {
    const found = matchV46(bytes, i);
    return typeof found === 'object' && i + found.length <= bytes.length;
  });
