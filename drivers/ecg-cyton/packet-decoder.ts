import { concatBytes } from '../core/byte-buffer.js';
import type { StreamDecoder } from '../core/decoder.js';
import { HEADER, PACKET_LENGTH, isFooter, readPacket } from './protocol.js';
import type { CytonPacket } from './protocol.js';

/**
 * Cyton packets out of a byte stream. With no checksum, framing is all there is, and inside
 * 24-bit data an A0 with a footer-like byte 32 later turns up about once in 9,000 positions:
 * enough to fake a packet now and then. So a frame (A0 … C0–C6) is accepted when:
 *  - nothing follows it yet (framing is all that can be checked; the stream's next bytes are
 *    not waited for, so a frame is never held back from the session), or
 *  - the next byte is another A0 (the stream goes on in step), or
 *  - the decoder is in step (the frame starts where the last one ended) and, though what
 *    follows is broken, no other frame starts inside this one. A truncated packet followed by
 *    a good one fails that test: the good one's A0 and footer sit inside the would-be frame.
 * Out of step (after skipped bytes), a frame followed by anything but A0 is refused.
 */
export class CytonDecoder implements StreamDecoder<CytonPacket> {
  private pending = new Uint8Array(0);
  private inStep = true;
  private droppedFrames = 0;

  get dropped(): number {
    return this.droppedFrames;
  }

  push(chunk: Uint8Array): CytonPacket[] {
    const data = this.pending.length === 0 ? chunk : concatBytes([this.pending, chunk]);
    const out: CytonPacket[] = [];
    let i = 0;
    while (i < data.length) {
      if (data[i] !== HEADER) {
        const next = data.indexOf(HEADER, i + 1);
        this.inStep = false;
        i = next === -1 ? data.length : next;
        continue;
      }
      if (data.length - i < PACKET_LENGTH) break;
      const verdict = isFooter(data[i + PACKET_LENGTH - 1] as number) ? this.judge(data, i) : 'reject';
      if (verdict === 'wait') break;
      if (verdict === 'reject') {
        this.droppedFrames++;
        this.inStep = false;
        i++;
        continue;
      }
      out.push(readPacket(data, i));
      this.inStep = true;
      i += PACKET_LENGTH;
    }
    // At most two packets' worth is ever left over; copy so the caller may reuse its chunk.
    this.pending = data.slice(i);
    return out;
  }

  reset(): void {
    this.pending = new Uint8Array(0);
    this.inStep = true;
    this.droppedFrames = 0;
  }

  /** Whether the well-framed bytes at `at` are a packet, given what surrounds them. */
  private judge(data: Uint8Array, at: number): 'accept' | 'reject' | 'wait' {
    const after = at + PACKET_LENGTH;
    if (after === data.length || data[after] === HEADER) return 'accept';
    if (!this.inStep) return 'reject';
    for (let j = at + 1; j < after; j++) {
      if (data[j] !== HEADER) continue;
      const footer = j + PACKET_LENGTH - 1;
      if (footer >= data.length) return 'wait';
      if (isFooter(data[footer] as number)) return 'reject';
    }
    return 'accept';
  }
}
