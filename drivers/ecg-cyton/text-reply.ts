import { END_OF_TEXT } from './protocol.js';

/**
 * Text replies from the board (the reset banner, command answers) end in `$$$`. Packets can
 * still be in flight when the host sends `v`, and 24-bit data may hold 0x24 bytes, so a `$$$`
 * counts only when a few printable characters lead up to it, as they do in every reply the
 * documentation lists.
 */
const LEAD_IN = 3;

const isText = (byte: number) => (byte >= 0x20 && byte <= 0x7e) || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** Finds the end of the first complete text reply: the index just past its `$$$`, or -1. */
export function replyEnd(bytes: Uint8Array): number {
  const marker = END_OF_TEXT.charCodeAt(0);
  for (let i = LEAD_IN; i + END_OF_TEXT.length <= bytes.length; i++) {
    if (bytes[i] !== marker || bytes[i + 1] !== marker || bytes[i + 2] !== marker) continue;
    let text = true;
    for (let j = i - LEAD_IN; j < i; j++) text &&= isText(bytes[j] as number);
    if (text) return i + END_OF_TEXT.length;
  }
  return -1;
}

/** The printable text of a reply, from its last non-text byte up to (not including) `$$$`. */
export function replyText(bytes: Uint8Array, end: number): string {
  let start = end - END_OF_TEXT.length;
  while (start > 0 && isText(bytes[start - 1] as number)) start--;
  return String.fromCharCode(...bytes.subarray(start, end - END_OF_TEXT.length));
}

/** What the reset banner says about the board: its firmware version, when it prints one. */
export function parseBanner(text: string): { firmware?: string; firmwareMajor: number; model?: string } {
  const firmware = /Firmware:\s*v?(\d+(?:\.\d+)*)/i.exec(text)?.[1];
  const model = /^\s*(OpenBCI[^\r\n]*)/m.exec(text)?.[1]?.trim();
  // Boards before v2.0.0 print no version line; they are treated as v1 (no `~` command).
  return { firmware, firmwareMajor: firmware ? Number.parseInt(firmware, 10) : 1, model };
}

/** The rate a `~` reply states ("Sample rate set to 500Hz$$$"), if it states one. */
export function parseSampleRateReply(text: string): number | undefined {
  const match = /(\d+)\s*Hz/i.exec(text);
  return match?.[1] ? Number(match[1]) : undefined;
}
