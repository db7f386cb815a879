import { ByteBuffer } from '../core/byte-buffer.js';
import type { StreamDecoder } from '../core/decoder.js';

/** What a matcher says about the bytes starting at a position. */
export type Match = { readonly length: number } | 'more' | 'invalid';

/** A frame matcher: looks at `bytes` from `at` without consuming anything. */
export type Matcher = (bytes: Uint8Array, at: number) => Match;

/**
 * The resynchronising scan both CMS50 decoders share. Neither generation has a checksum, so
 * a frame is whatever passes its framing rules; everything else is skipped a byte at a time.
 *
 * Dropped frames are an estimate, because neither protocol numbers its frames: a run of
 * discarded bytes counts as ceil(bytes / frameLength) frames, and is counted when the
 * decoder finds the next good frame (a run still open at the end of the input waits).
 */
export class FrameScanner<M> implements StreamDecoder<M> {
  private readonly buffer = new ByteBuffer();
  private discarded = 0;
  private droppedFrames = 0;
  private gaps: number[] = [];

  constructor(
    private readonly frameLength: number,
    private readonly match: Matcher,
    private readonly decode: (frame: Uint8Array) => M,
  ) {}

  get dropped(): number {
    return this.droppedFrames;
  }

  /** For each message the last `push` returned: frames estimated lost just before it. */
  get gapsBefore(): readonly number[] {
    return this.gaps;
  }

  push(chunk: Uint8Array): M[] {
    this.buffer.append(chunk);
    const view = this.buffer.view;
    const out: M[] = [];
    const gaps: number[] = [];
    let at = 0;
    while (at < view.length) {
      const found = this.match(view, at);
      if (found === 'more') break;
      if (found === 'invalid') {
        this.discarded++;
        at++;
        continue;
      }
      gaps.push(this.closeRun());
      out.push(this.decode(view.slice(at, at + found.length)));
      at += found.length;
    }
    this.buffer.consume(at);
    this.gaps = gaps;
    return out;
  }

  /** Forgets buffered bytes and any open run of garbage; the dropped total is kept. */
  reset(): void {
    this.buffer.clear();
    this.discarded = 0;
    this.gaps = [];
  }

  private closeRun(): number {
    if (this.discarded === 0) return 0;
    const lost = Math.ceil(this.discarded / this.frameLength);
    this.droppedFrames += lost;
    this.discarded = 0;
    return lost;
  }
}

/** The byte at `i`, or -1 past the end (keeps index checks honest without assertions). */
export const byteAt = (bytes: Uint8Array, i: number): number => bytes[i] ?? -1;

/** Throws unless `value` fits in `bits` bits: encoders refuse what the wire cannot carry. */
export function fits(value: number, bits: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value >= 1 << bits) {
    throw new RangeError(`${what} ${value} does not fit in ${bits} bits`);
  }
  return value;
}
