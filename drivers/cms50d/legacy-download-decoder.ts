import { ByteBuffer } from '../core/byte-buffer.js';
import type { StreamDecoder } from '../core/decoder.js';
import { PREAMBLE, RECORD_LENGTH, decodeLength, decodeRecord, recordValid } from './legacy-download-frame.js';
import type { StoredReading } from './legacy-download-frame.js';

export type LegacyDownloadMessage =
  | { readonly kind: 'header'; readonly records: number }
  | ({ readonly kind: 'record' } & StoredReading)
  | { readonly kind: 'end' };

type Phase = 'preamble' | 'length' | 'records' | 'done';

const indexOf = (hay: Uint8Array, needle: Uint8Array): number => {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
};

/**
 * The answer to F5 F5: live packets still in flight are skipped until the preamble, then the
 * length says how many record bytes follow. A record that breaks its bit pattern is skipped
 * a byte at a time (it still counts against the length); nothing past the length is read.
 */
export class LegacyDownloadDecoder implements StreamDecoder<LegacyDownloadMessage> {
  private readonly buffer = new ByteBuffer(1 << 20);
  private phase: Phase = 'preamble';
  private remaining = 0;
  private droppedFrames = 0;
  private inBadRun = false;

  get dropped(): number {
    return this.droppedFrames;
  }

  push(chunk: Uint8Array): LegacyDownloadMessage[] {
    if (this.phase === 'done') return [];
    this.buffer.append(chunk);
    const out: LegacyDownloadMessage[] = [];
    for (let progressed = true; progressed;) progressed = this.step(out);
    return out;
  }

  reset(): void {
    this.buffer.clear();
    this.phase = 'preamble';
    this.remaining = 0;
    this.inBadRun = false;
  }

  private step(out: LegacyDownloadMessage[]): boolean {
    const view = this.buffer.view;
    if (this.phase === 'preamble') {
      const at = indexOf(view, PREAMBLE);
      // Keep a possible partial preamble at the end; what is before it is leftover live data.
      if (at < 0) {
        this.buffer.consume(Math.max(0, view.length - PREAMBLE.length + 1));
        return false;
      }
      this.buffer.consume(at + PREAMBLE.length);
      this.phase = 'length';
      return true;
    }
    if (this.phase === 'length') {
      if (view.length < 3) return false;
      const bytes = decodeLength(view);
      this.buffer.consume(3);
      if (bytes === null || bytes % RECORD_LENGTH !== 0) {
        this.droppedFrames++;
        this.phase = 'preamble';
        return true;
      }
      this.remaining = bytes;
      this.phase = 'records';
      out.push({ kind: 'header', records: bytes / RECORD_LENGTH });
      return true;
    }
    if (this.phase === 'records') return this.record(view, out);
    return false;
  }

  private record(view: Uint8Array, out: LegacyDownloadMessage[]): boolean {
    if (this.remaining === 0) {
      this.phase = 'done';
      this.buffer.clear();
      out.push({ kind: 'end' });
      return false;
    }
    const need = Math.min(RECORD_LENGTH, this.remaining);
    if (view.length < need) return false;
    if (need === RECORD_LENGTH && recordValid(view, 0)) {
      out.push({ kind: 'record', ...decodeRecord(view, 0) });
      this.buffer.consume(RECORD_LENGTH);
      this.remaining -= RECORD_LENGTH;
      this.inBadRun = false;
      return true;
    }
    // Out of step: skip one byte and look again, counting the run once.
    if (!this.inBadRun) this.droppedFrames++;
    this.inBadRun = true;
    this.buffer.consume(1);
    this.remaining -= 1;
    return true;
  }
}
