import fc from 'fast-check';
import { concatBytes } from '../../drivers/core/byte-buffer.js';
import type { StreamDecoder } from '../../drivers/core/decoder.js';

/**
 * Property tests every stream parser gets. `npm test` runs DRIVER_FUZZ_RUNS cases per parser
 * (100,000 by default, spread over the properties); `npm run fuzz:drivers` runs 10 million.
 */
export const fuzzRuns = (): number => Number(process.env.DRIVER_FUZZ_RUNS ?? 100_000);

/** Splits bytes into chunks at arbitrary boundaries, as a serial port delivers them. */
export const chunked = (bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] => {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.slice(from, p));
    from = p;
  }
  return out;
};

const decodeAll = <M>(decoder: StreamDecoder<M>, chunks: readonly Uint8Array[]): M[] =>
  chunks.flatMap((c) => decoder.push(c));

export interface ParserProperties<M> {
  readonly decoder: () => StreamDecoder<M>;
  readonly message: fc.Arbitrary<M>;
  readonly encode: (message: M) => Uint8Array;
  /**
   * Whether a frame, as bytes, passes the protocol's own checks (framing and checksum). A
   * corrupted frame that still passes them cannot be told from a real one by any parser;
   * such cases are excluded from the "nothing from a bad frame" property, and only them.
   */
  readonly frameValid?: (frame: Uint8Array) => boolean;
  readonly runs?: number;
}

/**
 * The four properties: random bytes never throw; valid frames split anywhere and
 * concatenated decode to exactly themselves; garbage before valid frames yields exactly
 * those frames once resynchronised; a frame with one bit flipped yields nothing unless the
 * protocol's checks cannot tell it from a valid one.
 */
export function checkParserProperties<M>(p: ParserProperties<M>): void {
  const runs = Math.max(1, Math.floor((p.runs ?? fuzzRuns()) / 4));
  fc.assert(
    fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), (chunks) => {
      decodeAll(p.decoder(), chunks);
    }),
    { numRuns: runs },
  );
  fc.assert(
    fc.property(
      fc.array(p.message, { minLength: 1, maxLength: 6 }),
      fc.array(fc.nat(), { maxLength: 10 }),
      (ms, cuts) => {
        const bytes = concatBytes(ms.map(p.encode));
        const decoded = decodeAll(p.decoder(), chunked(bytes, cuts));
        // Compare through the encoder: the wire form is the identity of a message.
        return decoded.length === ms.length && decoded.every((d, i) => equalBytes(p.encode(d), p.encode(ms[i] as M)));
      },
    ),
    { numRuns: runs },
  );
  if (p.frameValid) {
    const frameValid = p.frameValid;
    fc.assert(
      fc.property(p.message, fc.nat(), (m, bit) => {
        const frame = p.encode(m).slice();
        const index = bit % (frame.length * 8);
        frame[index >> 3] = (frame[index >> 3] as number) ^ (1 << (index & 7));
        const decoded = p.decoder().push(frame);
        if (frameValid(frame)) return true;
        return decoded.length === 0;
      }),
      { numRuns: runs },
    );
  }
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), fc.array(p.message, { minLength: 1, maxLength: 4 }), (junk, ms) => {
      const decoder = p.decoder();
      decoder.push(junk);
      // Junk may end in what looks like the start of a frame and swallow the first real one;
      // from the second frame on, the parser must be in sync and yield every frame, in order.
      const decoded = decoder.push(concatBytes(ms.map(p.encode)));
      const rest = ms.slice(1);
      const tail = decoded.slice(decoded.length - rest.length);
      return decoded.length >= rest.length && tail.every((d, i) => equalBytes(p.encode(d), p.encode(rest[i] as M)));
    }),
    { numRuns: runs },
  );
}

export const equalBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);
