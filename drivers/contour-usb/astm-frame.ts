import { ByteBuffer } from '../core/byte-buffer.js';
import type { StreamDecoder } from '../core/decoder.js';

/**
 * The ASTM E1381 link layer as the Contour USB speaks it (glucometerutils
 * glucometerutils/support/contourusb.py, `_RECORD_FORMAT`, `checksum`, `sync`): control
 * characters for the handshake, and frames
 *
 *   STX  FN  text  CR  ETX|ETB  C1 C2  CR LF
 *
 * with FN a frame number 0–7 in ASCII, and C1 C2 the sum of the bytes from FN through ETX/ETB
 * modulo 256 as two upper-case hex digits.
 */
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ENQ = 0x05;
export const ACK = 0x06;
export const LF = 0x0a;
export const CR = 0x0d;
export const NAK = 0x15;
export const ETB = 0x17;

export interface AstmFrame {
  /** Frame number 0–7; it cycles so a receiver can tell a repeat from the next frame. */
  readonly number: number;
  /** The record text between FN and CR, one byte per character. */
  readonly text: string;
  /** ETX (last frame of a message) rather than ETB. */
  readonly final: boolean;
}

const HEX = '0123456789ABCDEF';

/** The two checksum characters for the bytes from FN through ETX/ETB. */
export function frameChecksum(bytes: Uint8Array): [number, number] {
  const sum = bytes.reduce((total, b) => (total + b) & 0xff, 0);
  return [HEX.charCodeAt(sum >> 4), HEX.charCodeAt(sum & 0x0f)];
}

export function encodeFrame(frame: AstmFrame): Uint8Array {
  const body = Uint8Array.from([0x30 + frame.number, ...Array.from(frame.text, (c) => c.charCodeAt(0) & 0xff), CR]);
  const checked = Uint8Array.from([...body, frame.final ? ETX : ETB]);
  return Uint8Array.from([STX, ...checked, ...frameChecksum(checked), CR, LF]);
}

const isHexDigit = (b: number | undefined) => b !== undefined && HEX.includes(String.fromCharCode(b));

/**
 * Frames out of the meter's byte stream. A frame is accepted only when every part of it is
 * where it belongs and the checksum matches; anything else is counted as dropped and the search
 * starts again at the next STX after the rejected one. Frame text never contains CR (it ends
 * the text) or STX (a frame that meets an STX before its CR was cut short, and the STX starts
 * the next one). Never throws.
 */
export class AstmFrameDecoder implements StreamDecoder<AstmFrame> {
  private readonly buffer = new ByteBuffer();
  private droppedFrames = 0;

  get dropped(): number {
    return this.droppedFrames;
  }

  push(chunk: Uint8Array): AstmFrame[] {
    this.buffer.append(chunk);
    const frames: AstmFrame[] = [];
    for (;;) {
      const bytes = this.buffer.view;
      const start = bytes.indexOf(STX);
      if (start === -1) {
        this.buffer.clear();
        return frames;
      }
      this.buffer.consume(start);
      const outcome = this.frameAtStart();
      if (outcome === 'wait') return frames;
      if (outcome === 'bad') {
        this.droppedFrames++;
        this.buffer.consume(1);
        continue;
      }
      frames.push(outcome.frame);
      this.buffer.consume(outcome.length);
    }
  }

  reset(): void {
    this.buffer.clear();
    this.droppedFrames = 0;
  }

  /** The frame that starts at the buffer's first byte (an STX): whole, not yet whole, or bad. */
  private frameAtStart(): { frame: AstmFrame; length: number } | 'wait' | 'bad' {
    const b = this.buffer.view;
    if (b.length < 2) return 'wait';
    const fn = (b[1] as number) - 0x30;
    if (fn < 0 || fn > 7) return 'bad';
    let cr = 2;
    while (cr < b.length && b[cr] !== CR) {
      if (b[cr] === STX) return 'bad';
      cr++;
    }
    if (b.length < cr + 6) return 'wait';
    const end = b[cr + 1];
    if (end !== ETX && end !== ETB) return 'bad';
    if (!isHexDigit(b[cr + 2]) || !isHexDigit(b[cr + 3]) || b[cr + 4] !== CR || b[cr + 5] !== LF) return 'bad';
    const [c1, c2] = frameChecksum(b.subarray(1, cr + 2));
    if (b[cr + 2] !== c1 || b[cr + 3] !== c2) return 'bad';
    const text = Array.from(b.subarray(2, cr), (c) => String.fromCharCode(c)).join('');
    return { frame: { number: fn, text, final: end === ETX }, length: cr + 6 };
  }
}
