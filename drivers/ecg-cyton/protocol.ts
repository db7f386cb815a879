/**
 * OpenBCI Cyton packet framing (see README.md for the sources): 33 bytes, `A0`, a one-byte
 * sample counter that wraps, 8 channels of 24-bit signed big-endian counts, 6 aux bytes and a
 * footer `C0`–`C6`. There is no checksum: framing bytes and the counter are all there is.
 */

export const PACKET_LENGTH = 33;
export const HEADER = 0xa0;
/** Footers the documentation defines (the aux bytes' meaning depends on which one). */
export const FOOTER_MIN = 0xc0;
export const FOOTER_MAX = 0xc6;
export const CHANNEL_COUNT = 8;
export const AUX_LENGTH = 6;

/** Host commands, single ASCII bytes. */
export const COMMAND = {
  reset: 'v',
  start: 'b',
  stop: 's',
  /** Followed by a digit: `~6` is 250 samples/s, `~5` is 500 (firmware v3 and later). */
  sampleRate: '~',
} as const;

/** The board's end-of-message marker after any text reply (banner, command answers). */
export const END_OF_TEXT = '$$$';

/** Sample-rate digits of the `~` command, for the rates this driver supports. */
export const SAMPLE_RATE_CODE: Readonly<Record<CytonSampleRate, string>> = { 250: '6', 500: '5' };
export type CytonSampleRate = 250 | 500;

/** One packet as it came off the wire: raw counts, nothing scaled. */
export interface CytonPacket {
  /** 0–255, one more per sample, wrapping. */
  readonly counter: number;
  /** 8 signed 24-bit ADC counts, channel 1 first. */
  readonly counts: Int32Array;
  /** The 6 aux bytes, uninterpreted (their meaning depends on the footer). */
  readonly aux: Uint8Array;
  /** 0xC0–0xC6. */
  readonly footer: number;
}

export const isFooter = (byte: number): boolean => byte >= FOOTER_MIN && byte <= FOOTER_MAX;

/** Reads the packet starting at `at` (framing already checked by the caller). */
export function readPacket(bytes: Uint8Array, at: number): CytonPacket {
  const counts = new Int32Array(CHANNEL_COUNT);
  for (let ch = 0; ch < CHANNEL_COUNT; ch++) {
    const p = at + 2 + ch * 3;
    const raw = ((bytes[p] as number) << 16) | ((bytes[p + 1] as number) << 8) | (bytes[p + 2] as number);
    // Sign-extend bit 23: shifting left then arithmetically right keeps the sign.
    counts[ch] = (raw << 8) >> 8;
  }
  return {
    counter: bytes[at + 1] as number,
    counts,
    aux: bytes.slice(at + 26, at + 32),
    footer: bytes[at + 32] as number,
  };
}

export const MIN_COUNT = -(2 ** 23);
export const MAX_COUNT = 2 ** 23 - 1;

/** The wire form of a packet; counts outside the 24-bit range are a caller error. */
export function encodePacket(packet: CytonPacket): Uint8Array {
  const out = new Uint8Array(PACKET_LENGTH);
  out[0] = HEADER;
  out[1] = packet.counter & 0xff;
  for (let ch = 0; ch < CHANNEL_COUNT; ch++) {
    const value = packet.counts[ch] ?? 0;
    if (!Number.isInteger(value) || value < MIN_COUNT || value > MAX_COUNT) {
      throw new RangeError(`channel ${ch + 1}: ${value} is not a 24-bit signed count`);
    }
    const p = 2 + ch * 3;
    out[p] = (value >> 16) & 0xff;
    out[p + 1] = (value >> 8) & 0xff;
    out[p + 2] = value & 0xff;
  }
  out.set(packet.aux.subarray(0, AUX_LENGTH), 26);
  out[32] = packet.footer;
  return out;
}

/**
 * Microvolts per count: reference / gain / (2^23 − 1). The Cyton's ADS1299 runs on a 4.5 V
 * reference; an ADS1298 board may use 2.4 V or 4 V, so the reference is a parameter too.
 */
export const microvoltsPerCount = (gain: number, referenceVolts = 4.5): number =>
  (referenceVolts * 1e6) / gain / MAX_COUNT;

/** PGA gains the ADS1299 offers (the Cyton default is 24). */
export const GAINS = [1, 2, 4, 6, 8, 12, 24] as const;
export type CytonGain = (typeof GAINS)[number];
