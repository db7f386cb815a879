import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liveFrame } from './live-frame-arbitraries.js';
import type { LiveDecodeResult } from './live-frame-types.js';
import { LIVE_FRAME_TAG, LIVE_FRAME_VERSION } from './live-frame-types.js';
import { decodeLiveFrame, encodeLiveFrame } from './live-frame.js';

const ERRORS = ['truncated', 'bad-tag', 'bad-version', 'unknown-type', 'malformed'];

/** A result is either a named error or a frame that survives another trip through the codec. */
function expectClean(result: LiveDecodeResult): void {
  if (!result.ok) {
    expect(ERRORS).toContain(result.error);
    return;
  }
  expect(decodeLiveFrame(encodeLiveFrame(result.frame))).toEqual(result);
}

describe('live frame decoder on hostile input', () => {
  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        expectClean(decodeLiveFrame(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on random bodies behind a valid header', () => {
    // Random bytes rarely get past the tag; these reach every body reader.
    const body = fc.uint8Array({ maxLength: 120 });
    const type = fc.integer({ min: 0, max: 5 });
    fc.assert(
      fc.property(type, body, (t, rest) => {
        const bytes = new Uint8Array([
          LIVE_FRAME_TAG,
          LIVE_FRAME_VERSION,
          t,
          1,
          0,
          0,
          0,
          ...new Array(8).fill(0),
          ...rest,
        ]);
        expectClean(decodeLiveFrame(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it('meets a one-bit flip with an error or a frame, never a throw (there is no checksum)', () => {
    let decoded = 0;
    let refused = 0;
    fc.assert(
      fc.property(liveFrame, fc.nat(), fc.nat(7), (frame, at, bit) => {
        const bytes = encodeLiveFrame(frame);
        const flipped = bytes.slice();
        const i = at % bytes.length;
        flipped[i] = (flipped[i] as number) ^ (1 << bit);
        const result = decodeLiveFrame(flipped);
        expectClean(result);
        if (result.ok) decoded++;
        else refused++;
      }),
      { numRuns: 1000 },
    );
    // Both happen: a flip in a double changes a value silently; SCTP's CRC32c and DTLS guard the wire.
    expect(decoded).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });

  it('decodes from a view into a larger buffer', () => {
    fc.assert(
      fc.property(liveFrame, fc.nat(16), (frame, pad) => {
        const bytes = encodeLiveFrame(frame);
        const big = new Uint8Array(pad + bytes.length + 5).fill(0xff);
        big.set(bytes, pad);
        expect(decodeLiveFrame(big.subarray(pad, pad + bytes.length))).toEqual({ ok: true, frame });
      }),
      { numRuns: 100 },
    );
  });
});
