/**
 * Byte writer and reader for the live frame codec: little-endian fixed widths, unsigned LEB128
 * varints up to 2^53 − 1, and length-prefixed UTF-8. Plain Uint8Array and DataView, so the
 * same code runs in the station renderer, the console and Node.
 */
import type { LiveDecodeError } from './live-frame-types.js';

/** Thrown inside the decoder only; decodeLiveFrame turns it into a result. */
export class LiveDecodeFailure extends Error {
  constructor(readonly reason: LiveDecodeError) {
    super(reason);
  }
}

const encoder = new TextEncoder();
// fatal: invalid UTF-8 is an error, not U+FFFD; ignoreBOM: a leading U+FEFF is text, not a marker.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// In a `u` regex a surrogate range matches only unpaired halves, which UTF-8 cannot carry.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** UTF-8 bytes of a string the codec can carry unchanged, or a RangeError. */
export function utf8(text: string, limit: number): Uint8Array {
  if (LONE_SURROGATE.test(text)) throw new RangeError('string holds an unpaired surrogate');
  const bytes = encoder.encode(text);
  if (bytes.length > limit) throw new RangeError(`string of ${bytes.length} UTF-8 bytes exceeds ${limit}`);
  return bytes;
}

/** Bytes a varint of `value` takes. */
export function varintSize(value: number): number {
  let size = 1;
  for (let v = value; v >= 128; v = Math.floor(v / 128)) size++;
  return size;
}

/** A growable output buffer. */
export class ByteWriter {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  /** Reserves `n` bytes and returns where they start. Call it before touching `view`: it may replace it. */
  private room(n: number): number {
    const at = this.length;
    if (at + n > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, at + n));
      grown.set(this.bytes.subarray(0, at));
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length = at + n;
    return at;
  }

  u8(value: number): void {
    const at = this.room(1);
    this.bytes[at] = value;
  }
  u32(value: number): void {
    const at = this.room(4);
    this.view.setUint32(at, value, true);
  }
  i32(value: number): void {
    const at = this.room(4);
    this.view.setInt32(at, value, true);
  }
  i16(value: number): void {
    const at = this.room(2);
    this.view.setInt16(at, value, true);
  }
  f32(value: number): void {
    const at = this.room(4);
    this.view.setFloat32(at, value, true);
  }
  f64(value: number): void {
    const at = this.room(8);
    this.view.setFloat64(at, value, true);
  }
  /** An unsigned integer up to 2^53 − 1, seven bits a byte, low bits first. */
  varint(value: number): void {
    let v = value;
    while (v >= 128) {
      this.u8((v % 128) | 128);
      v = Math.floor(v / 128);
    }
    this.u8(v);
  }
  string(text: string, limit: number): void {
    const bytes = utf8(text, limit);
    this.varint(bytes.length);
    const at = this.room(bytes.length);
    this.bytes.set(bytes, at);
  }
  /** The bytes written so far, trimmed to size. */
  done(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Reads an input buffer front to back; every read checks the bytes are there. */
export class ByteReader {
  private at = 0;
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get remaining(): number {
    return this.bytes.length - this.at;
  }

  private take(n: number): number {
    if (n > this.remaining) throw new LiveDecodeFailure('truncated');
    const at = this.at;
    this.at += n;
    return at;
  }

  u8(): number {
    return this.bytes[this.take(1)] as number;
  }
  u32(): number {
    return this.view.getUint32(this.take(4), true);
  }
  i32(): number {
    return this.view.getInt32(this.take(4), true);
  }
  i16(): number {
    return this.view.getInt16(this.take(2), true);
  }
  f32(): number {
    return this.view.getFloat32(this.take(4), true);
  }
  f64(): number {
    return this.view.getFloat64(this.take(8), true);
  }
  /** A varint no larger than `max`; an overlong form (a trailing zero byte) is malformed. */
  varint(max = Number.MAX_SAFE_INTEGER): number {
    let value = 0;
    for (let shift = 0; shift < 8; shift++) {
      const byte = this.u8();
      value += (byte & 127) * 2 ** (7 * shift);
      if (byte < 128) {
        if (byte === 0 && shift > 0) break;
        if (value > max) break;
        return value;
      }
    }
    throw new LiveDecodeFailure('malformed');
  }
  string(limit: number): string {
    const length = this.varint(limit);
    const start = this.take(length);
    try {
      return decoder.decode(this.bytes.subarray(start, start + length));
    } catch {
      throw new LiveDecodeFailure('malformed');
    }
  }
}
