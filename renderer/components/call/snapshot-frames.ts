// Splits a still JPEG into data-channel-sized chunks and puts it back together. Pure.
import { TAG_SNAPSHOT } from './channel-messages.js';

/** The largest message sent, header included: every browser delivers 16 KiB in one piece. */
export const MAX_MESSAGE_BYTES = 16 * 1024;
/** Tag (1), snapshot id (4), chunk index (2), chunk count (2). */
const HEADER_BYTES = 9;
const MAX_PAYLOAD = MAX_MESSAGE_BYTES - HEADER_BYTES;
/** A snapshot larger than this (~1 MiB) is refused on both sides. */
export const MAX_CHUNKS = 64;

/** Splits an image into framed chunks, each at most MAX_MESSAGE_BYTES. */
export function snapshotFrames(id: number, image: Uint8Array): Uint8Array[] {
  const count = Math.max(1, Math.ceil(image.length / MAX_PAYLOAD));
  if (count > MAX_CHUNKS) throw new RangeError(`snapshot of ${image.length} bytes is too large to send`);
  return Array.from({ length: count }, (_, index) => {
    const payload = image.subarray(index * MAX_PAYLOAD, (index + 1) * MAX_PAYLOAD);
    const frame = new Uint8Array(HEADER_BYTES + payload.length);
    const view = new DataView(frame.buffer);
    view.setUint8(0, TAG_SNAPSHOT);
    view.setUint32(1, id >>> 0);
    view.setUint16(5, index);
    view.setUint16(7, count);
    frame.set(payload, HEADER_BYTES);
    return frame;
  });
}

/** Takes chunks in any order and returns each snapshot once all of its chunks are in. */
export interface SnapshotAssembler {
  /** The whole image when this chunk completes one that is newer than the last shown, else null. */
  accept(frame: Uint8Array, nowMs: number): Uint8Array<ArrayBuffer> | null;
}

interface Pending {
  count: number;
  parts: (Uint8Array | undefined)[];
  received: number;
  firstMs: number;
}

/** ids wrap around at 2^32: `a` is newer than `b` when it is less than half the range ahead. */
const newer = (a: number, b: number) => a !== b && (a - b) >>> 0 < 0x8000_0000;

/** A JPEG starts with SOI (FF D8) and ends with EOI (FF D9); anything else is not shown. */
const looksLikeJpeg = (image: Uint8Array) =>
  image.length >= 4 && image[0] === 0xff && image[1] === 0xd8 && image.at(-2) === 0xff && image.at(-1) === 0xd9;

/**
 * Reassembles snapshots. A snapshot whose chunks do not all arrive within `maxAgeMs`, or that is
 * overtaken by a newer complete one, is dropped rather than shown broken.
 */
export function createSnapshotAssembler(maxAgeMs = 10_000, maxPending = 3): SnapshotAssembler {
  const pending = new Map<number, Pending>();
  let lastShown: number | null = null;

  const forget = (nowMs: number) => {
    for (const [id, entry] of pending) {
      if (nowMs - entry.firstMs > maxAgeMs || (lastShown !== null && !newer(id, lastShown))) pending.delete(id);
    }
    for (const id of pending.keys()) {
      if (pending.size <= maxPending) break;
      pending.delete(id);
    }
  };

  return {
    accept(frame, nowMs) {
      if (frame.length < HEADER_BYTES || frame[0] !== TAG_SNAPSHOT) return null;
      const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
      const id = view.getUint32(1);
      const index = view.getUint16(5);
      const count = view.getUint16(7);
      if (count === 0 || count > MAX_CHUNKS || index >= count) return null;
      if (lastShown !== null && !newer(id, lastShown)) return null;
      let entry = pending.get(id);
      if (entry && entry.count !== count) {
        pending.delete(id);
        return null;
      }
      if (!entry) {
        entry = { count, parts: new Array<Uint8Array | undefined>(count), received: 0, firstMs: nowMs };
        pending.set(id, entry);
      }
      if (!entry.parts[index]) {
        entry.parts[index] = frame.slice(HEADER_BYTES);
        entry.received++;
      }
      forget(nowMs);
      if (entry.received < count || !pending.has(id)) return null;
      pending.delete(id);
      const parts = entry.parts.filter((part) => part !== undefined);
      const image = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
      parts.reduce((offset, part) => (image.set(part, offset), offset + part.length), 0);
      if (!looksLikeJpeg(image)) return null;
      lastShown = id;
      forget(nowMs);
      return image;
    },
  };
}
