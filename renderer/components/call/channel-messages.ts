// The data channel's framing: the first byte of every message says what it carries.
import { MODES } from './modes.js';
import type { CallMode } from './modes.js';

/** A chunk of a still snapshot (see snapshot-frames.ts). */
export const TAG_SNAPSHOT = 0x01;
/** A control message between the two call engines. */
export const TAG_CONTROL = 0x02;

/**
 * What one engine tells the other: the mode it sends in, and the clock pings (wall-clock ms)
 * from which each side estimates the other's clock. An older engine ignores the pings.
 */
export type ControlMessage =
  | { type: 'mode'; mode: CallMode }
  | { type: 'ping'; sentAt: number }
  /** The answer to a ping: its own stamp back, when the ping came and when this left. */
  | { type: 'pong'; pingSentAt: number; receivedAt: number; sentAt: number };

const CONTROL_MODE = 0x01;
const CONTROL_PING = 0x02;
const CONTROL_PONG = 0x03;
const PING_BYTES = 2 + 8;
const PONG_BYTES = 2 + 3 * 8;

function withTimes(type: number, times: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(2 + 8 * times.length);
  bytes[0] = TAG_CONTROL;
  bytes[1] = type;
  const view = new DataView(bytes.buffer);
  times.forEach((t, i) => view.setFloat64(2 + 8 * i, t));
  return bytes;
}

function timesOf(bytes: Uint8Array, count: number): number[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const times = Array.from({ length: count }, (_, i) => view.getFloat64(2 + 8 * i));
  return times.every(Number.isFinite) ? times : null;
}

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
  switch (message.type) {
    case 'mode':
      return Uint8Array.of(TAG_CONTROL, CONTROL_MODE, MODES.indexOf(message.mode));
    case 'ping':
      return withTimes(CONTROL_PING, [message.sentAt]);
    case 'pong':
      return withTimes(CONTROL_PONG, [message.pingSentAt, message.receivedAt, message.sentAt]);
  }
}

/** Decodes a control message; null for one this version does not know or a malformed one. */
export function decodeControl(bytes: Uint8Array): ControlMessage | null {
  if (bytes[0] !== TAG_CONTROL) return null;
  if (bytes[1] === CONTROL_MODE && bytes.length === 3) {
    const mode = MODES[bytes[2] ?? -1];
    return mode ? { type: 'mode', mode } : null;
  }
  if (bytes[1] === CONTROL_PING && bytes.length === PING_BYTES) {
    const times = timesOf(bytes, 1);
    return times ? { type: 'ping', sentAt: times[0] as number } : null;
  }
  if (bytes[1] === CONTROL_PONG && bytes.length === PONG_BYTES) {
    const times = timesOf(bytes, 3);
    if (!times) return null;
    const [pingSentAt, receivedAt, sentAt] = times as [number, number, number];
    return { type: 'pong', pingSentAt, receivedAt, sentAt };
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
