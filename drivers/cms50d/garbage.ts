import { matchV46 } from './v46-frame.js';

/** A small seeded generator, so a failing garbage test can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) & 0xff;
  };
}

/**
 * Random bytes for the legacy stream with one rule: no byte with bit 7 set is followed by
 * four without. Truly random bytes would not do: about one position in 32 starts something
 * the legacy framing accepts, and with no checksum no parser can tell it from a packet.
 */
export function legacyGarbage(length: number, seed = 1): Uint8Array {
  const next = random(seed);
  const out = new Uint8Array(length);
  let clearAfterSync = -1; // -1: no sync byte seen yet
  for (let i = 0; i < length; i++) {
    let b = next();
    if (clearAfterSync === 3 && (b & 0x80) === 0) b |= 0x80;
    clearAfterSync = b & 0x80 ? 0 : clearAfterSync < 0 ? -1 : clearAfterSync + 1;
    out[i] = b;
  }
  return out;
}

/** Random bytes for the 4.6 stream, with any accidental well-framed packet broken up. */
export function v46Garbage(length: number, seed = 1): Uint8Array {
  const next = random(seed);
  const out = Uint8Array.from({ length }, next);
  for (let i = 0; i < length; i++) if (typeof matchV46(out, i) === 'object') out[i] = 0x00;
  return out;
}
