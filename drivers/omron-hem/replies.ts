import { concatBytes } from '../core/byte-buffer.js';
import { xor } from './commands.js';
import { payloadOf } from './reports.js';

/**
 * What the unit answered to one command. "OK" replies longer than two bytes end with a
 * checksum that makes the XOR of everything after "OK" zero; "NO" is a refusal the notes
 * say to answer by asking again.
 */
export type Reply =
  | { readonly kind: 'ok'; readonly bytes: Uint8Array }
  | { readonly kind: 'no' }
  | { readonly kind: 'checksum'; readonly bytes: Uint8Array }
  | { readonly kind: 'garbled'; readonly bytes: Uint8Array };

const O = 0x4f;
const K = 0x4b;
const N = 0x4e;

const startsOk = (b: Uint8Array) => b[0] === O && b[1] === K;

/**
 * Collects the input reports of one reply until it has the expected number of bytes (or a
 * "NO"), the way libomron's omron_get_command_return does. Never throws.
 */
export class ReplyReader {
  private bytes: Uint8Array = new Uint8Array(0);

  constructor(private readonly expected: number) {}

  /** Adds one input report; null while the reply is still incomplete. */
  add(report: Uint8Array): Reply | null {
    const payload = payloadOf(report);
    if (!payload) return { kind: 'garbled', bytes: this.bytes };
    this.bytes = concatBytes([this.bytes, payload]);
    const b = this.bytes;
    if (b.length < 2) return null;
    if (b.length === 2 && b[0] === N && b[1] === O) return { kind: 'no' };
    if (!startsOk(b) || b.length > this.expected) return { kind: 'garbled', bytes: b };
    if (b.length < this.expected) return null;
    if (b.length > 2 && xor(b.subarray(2)) !== 0) return { kind: 'checksum', bytes: b };
    return { kind: 'ok', bytes: b };
  }
}

/** Whether an input report is the "OK" that ends a clearing block (two bytes, no checksum). */
export const isClearOk = (report: Uint8Array): boolean => {
  const payload = payloadOf(report);
  return payload !== null && payload.length >= 2 && startsOk(payload);
};

/** Whether an input report carries the "OFF\r\n" the unit sends before switching off. */
export const isOff = (report: Uint8Array): boolean => {
  const payload = payloadOf(report);
  return payload !== null && payload[0] === 0x4f && payload[1] === 0x46 && payload[2] === 0x46;
};

/**
 * The record count in a GDC reply: byte 6 counted from "OK", as libomron reads it. The notes'
 * example (`OK 00 00 0a 00 08 02`) has 8 there; the vendor capture of a one-reading unit has
 * `OK 00 00 10 00 01 11`. What bytes 3–5 mean is not documented.
 */
export const countOf = (reply: Uint8Array): number => reply[6] ?? 0;

/** The unit's version string in a VER00 reply: the ASCII between "OK\0" and the checksum. */
export const versionOf = (reply: Uint8Array): string =>
  String.fromCharCode(...reply.subarray(3, reply.length - 1)).replace(/[^\x20-\x7e]/g, '');
