// The data channel's framing: the first byte of every message says what it carries.
import { MODES } from './modes.js';
import type { CallMode } from './modes.js';

/** A chunk of a still snapshot (see snapshot-frames.ts). */
export const TAG_SNAPSHOT = 0x01;
/** A control message between the two call engines. */
export const TAG_CONTROL = 0x02;

/** What one engine tells the other: for now only the mode it sends in. */
export type ControlMessage = { type: 'mode'; mode: CallMode };

const CONTROL_MODE = 0x01;

/** A received message, sorted by its tag. */
export type ChannelMessage =
  | { kind: 'snapshot'; frame: Uint8Array }
  | { kind: 'control'; message: ControlMessage }
  | { kind: 'data'; bytes: Uint8Array };

/** Whether the engine keeps this tag for itself, so application data may not start with it. */
export function isReservedTag(tag: number | undefined): boolean {
  return tag === TAG_SNAPSHOT || tag === TAG_CONTROL;
}

/** Encodes a control message: tag, message type, then its fields. */
export function encodeControl(message: ControlMessage): Uint8Array {
  return Uint8Array.of(TAG_CONTROL, CONTROL_MODE, MODES.indexOf(message.mode));
}

/** Decodes a control message; null for one this version does not know or a malformed one. */
export function decodeControl(bytes: Uint8Array): ControlMessage | null {
  if (bytes[0] !== TAG_CONTROL) return null;
  if (bytes[1] === CONTROL_MODE && bytes.length === 3) {
    const mode = MODES[bytes[2] ?? -1];
    return mode ? { type: 'mode', mode } : null;
  }
  return null;
}

/** Sorts a received message by its first byte; null for an empty or unreadable control message. */
export function classify(bytes: Uint8Array): ChannelMessage | null {
  if (bytes.length === 0) return null;
  if (bytes[0] === TAG_SNAPSHOT) return { kind: 'snapshot', frame: bytes };
  if (bytes[0] === TAG_CONTROL) {
    const message = decodeControl(bytes);
    return message ? { kind: 'control', message } : null;
  }
  return { kind: 'data', bytes };
}
