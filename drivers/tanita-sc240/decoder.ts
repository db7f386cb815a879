import type { StreamDecoder } from '../core/decoder.js';
import { CR, LF, parseLine } from './line.js';
import type { ScaleLine } from './line.js';

/**
 * The longest line accepted. A full SC-240 line with every key of the source's table is a
 * few hundred bytes; anything much longer is noise, and is skipped up to the next CR LF.
 */
export const MAX_LINE = 1024;

/** Splits the byte stream at CR LF and keeps the well-formed lines. */
export class ScaleLineDecoder implements StreamDecoder<ScaleLine> {
  private line = new Uint8Array(MAX_LINE + 1);
  private length = 0;
  private overlong = false;
  private lastWasCr = false;
  private droppedLines = 0;

  get dropped(): number {
    return this.droppedLines;
  }

  /** Bytes of a line begun but not yet ended. */
  get pending(): number {
    return this.length;
  }

  push(chunk: Uint8Array): ScaleLine[] {
    const out: ScaleLine[] = [];
    for (const byte of chunk) {
      if (byte === LF && this.lastWasCr) {
        const line = this.finish();
        if (line) out.push(line);
        continue;
      }
      if (this.length < this.line.length) this.line[this.length++] = byte;
      else this.overlong = true;
      this.lastWasCr = byte === CR;
    }
    return out;
  }

  /** Throws away a line begun but never ended (the scale went quiet mid-line); counts it. */
  discardPartial(): void {
    if (this.length > 0 || this.overlong) this.droppedLines++;
    this.clear();
  }

  reset(): void {
    this.clear();
  }

  private clear(): void {
    this.length = 0;
    this.overlong = false;
    this.lastWasCr = false;
  }

  private finish(): ScaleLine | null {
    // The CR is stored with the line; the content is what precedes it.
    const content = this.line.subarray(0, this.length - 1);
    const overlong = this.overlong;
    this.clear();
    if (overlong) {
      this.droppedLines++;
      return null;
    }
    // A bare CR LF carries nothing; it is not a damaged reading.
    if (content.length === 0) return null;
    const parsed = parseLine(content);
    if (!parsed) this.droppedLines++;
    return parsed;
  }
}
