import { ByteBuffer } from '../core/byte-buffer.js';
import type { StreamDecoder } from '../core/decoder.js';

/**
 * The SAM module's framing, the same both ways: `AA AA AA 96 69`, a 2-byte big-endian length
 * counting every byte after it (the XOR included), the body, and an XOR of the bytes from the
 * length's high byte to the body's last byte. Source: Yangyuanxin/BearPi
 * 10.ZKT_BearPi/ZKT_SDK/IDReader.c (requests) and 10.ZKT_BearPi/Src/main.c (reply offsets).
 */
export const HEADER = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
const PREFIX = HEADER.length + 2;

/**
 * The longest length field accepted: the read-text-and-photo reply (3 status bytes, two
 * 2-byte lengths, 256 bytes of text, 1024 of photo, the XOR). No command this driver sends
 * is answered with more, so a larger length is noise and resynchronises at once rather than
 * swallowing the replies that follow.
 */
export const MAX_LENGTH = 0x0508;

export function xorOf(bytes: Uint8Array, from = 0, to = bytes.length): number {
  let x = 0;
  for (let i = from; i < to; i++) x ^= bytes[i] as number;
  return x;
}

export function encodeFrame(body: Uint8Array): Uint8Array {
  const length = body.length + 1;
  const out = new Uint8Array(PREFIX + length);
  out.set(HEADER);
  out[5] = length >> 8;
  out[6] = length & 0xff;
  out.set(body, PREFIX);
  out[out.length - 1] = xorOf(out, HEADER.length, out.length - 1);
  return out;
}

function headerAt(bytes: Uint8Array, at: number): boolean {
  for (let i = 0; i < HEADER.length; i++) if (bytes[at + i] !== HEADER[i]) return false;
  return true;
}

/** Where a header begins, or -1; a header cut off at the end counts as beginning there. */
function findHeader(bytes: Uint8Array): number {
  for (let at = 0; at < bytes.length; at++) {
    const available = Math.min(HEADER.length, bytes.length - at);
    let match = true;
    for (let i = 0; i < available && match; i++) match = bytes[at + i] === HEADER[i];
    if (match) return at;
  }
  return -1;
}

/**
 * Whether `bytes` begin with a frame that passes every check the protocol has: header, a
 * length within bounds, and the XOR. What follows the frame is not its business.
 */
export function frameAtStart(bytes: Uint8Array, minBody: number): boolean {
  if (bytes.length < PREFIX || !headerAt(bytes, 0)) return false;
  const length = ((bytes[5] as number) << 8) | (bytes[6] as number);
  if (length < minBody + 1 || length > MAX_LENGTH || bytes.length < PREFIX + length) return false;
  return xorOf(bytes, HEADER.length, PREFIX + length - 1) === bytes[PREFIX + length - 1];
}

/** Frames out of a byte stream: yields each body (what lies between the length and the XOR). */
export class FrameDecoder implements StreamDecoder<Uint8Array> {
  private readonly buffer = new ByteBuffer();
  private droppedFrames = 0;
  private xorFailures = 0;

  /** @param minBody the fewest body bytes a frame in this direction has. */
  constructor(private readonly minBody: number) {}

  get dropped(): number {
    return this.droppedFrames;
  }

  /** Frames dropped for a failing XOR (a subset of `dropped`). */
  get checksumFailures(): number {
    return this.xorFailures;
  }

  /** Bytes held that are not yet a whole frame. */
  get pending(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer.append(chunk);
    const out: Uint8Array[] = [];
    for (;;) {
      const bytes = this.buffer.view;
      const start = findHeader(bytes);
      if (start < 0) {
        this.buffer.clear();
        break;
      }
      if (start > 0) this.buffer.consume(start);
      const frame = this.buffer.view;
      if (frame.length < PREFIX) break;
      const length = ((frame[5] as number) << 8) | (frame[6] as number);
      if (length < this.minBody + 1 || length > MAX_LENGTH) {
        // Not a frame after all: look for the next header from the following byte.
        this.droppedFrames++;
        this.buffer.consume(1);
        continue;
      }
      if (frame.length < PREFIX + length) break;
      if (xorOf(frame, HEADER.length, PREFIX + length - 1) !== frame[PREFIX + length - 1]) {
        this.droppedFrames++;
        this.xorFailures++;
        this.buffer.consume(1);
        continue;
      }
      out.push(frame.slice(PREFIX, PREFIX + length - 1));
      this.buffer.consume(PREFIX + length);
    }
    return out;
  }

  /** Forgets bytes held; the counts stay (they are totals for the link). */
  reset(): void {
    this.buffer.clear();
  }
}
