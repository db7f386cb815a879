import type { RawData } from 'ws';
import { HUB_MAX_MESSAGE_BYTES, HUB_PROTOCOL_VERSION, StationToHub } from '../../contract/hub-wire.js';
import type { HubToStation } from '../../contract/hub-wire.js';

/** Why the hub refuses a station's socket. */
export type RefusalReason = Extract<HubToStation, { t: 'refused' }>['reason'];

/** A station's message after reading: valid per the contract, or the reason to refuse it. */
export type ReadResult = { ok: true; message: StationToHub } | { ok: false; reason: RefusalReason };

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A hello for another protocol version, told apart before the full schema check: a newer
 * station's hello may have a shape we cannot know, and it deserves the precise reason.
 */
function isForeignHello(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const { t, protocol } = value as { t?: unknown; protocol?: unknown };
  return t === 'hello' && typeof protocol === 'number' && protocol !== HUB_PROTOCOL_VERSION;
}

/** Reads one socket message: a text frame of JSON within the size limit that matches the contract. */
export function readStationMessage(data: RawData, isBinary: boolean): ReadResult {
  const bytes = toBuffer(data);
  if (isBinary || bytes.length > HUB_MAX_MESSAGE_BYTES) return { ok: false, reason: 'malformed' };
  const value = parseJson(bytes.toString('utf8'));
  if (isForeignHello(value)) return { ok: false, reason: 'protocol_unsupported' };
  const parsed = StationToHub.safeParse(value);
  return parsed.success ? { ok: true, message: parsed.data } : { ok: false, reason: 'malformed' };
}
