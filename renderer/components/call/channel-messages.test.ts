import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  TAG_CONTROL,
  TAG_SNAPSHOT,
  classify,
  decodeControl,
  encodeControl,
  isReservedTag,
} from './channel-messages.js';
import { MODES } from './modes.js';

describe('data channel messages', () => {
  it('round-trips every mode as a control message', () => {
    for (const mode of MODES)
      expect(classify(encodeControl({ type: 'mode', mode }))).toEqual({
        kind: 'control',
        message: { type: 'mode', mode },
      });
  });

  it('passes every message with an unreserved first byte through untouched, e.g. vitals on 0x10', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 255 }).filter((t) => !isReservedTag(t)),
        fc.uint8Array(),
        (tag, rest) => {
          const bytes = Uint8Array.from([tag, ...rest]);
          expect(classify(bytes)).toEqual({ kind: 'data', bytes });
        },
      ),
    );
    expect(isReservedTag(0x10)).toBe(false);
  });

  it('routes snapshot chunks by their tag and ignores control messages it does not know', () => {
    fc.assert(
      fc.property(fc.uint8Array(), (rest) => {
        expect(classify(Uint8Array.from([TAG_SNAPSHOT, ...rest]))?.kind).toBe('snapshot');
        const control = Uint8Array.from([TAG_CONTROL, ...rest]);
        const decoded = decodeControl(control);
        expect(classify(control)).toEqual(decoded ? { kind: 'control', message: decoded } : null);
        if (decoded) expect(encodeControl(decoded)).toEqual(control);
      }),
    );
    expect(classify(new Uint8Array(0))).toBeNull();
  });

  it('round-trips clock pings and pongs, and drops ones with a bad length or time', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        (a, b, c) => {
          const ping = { type: 'ping', sentAt: a } as const;
          const pong = { type: 'pong', pingSentAt: a, receivedAt: b, sentAt: c } as const;
          expect(classify(encodeControl(ping))).toEqual({ kind: 'control', message: ping });
          expect(classify(encodeControl(pong))).toEqual({ kind: 'control', message: pong });
          expect(decodeControl(encodeControl(pong).slice(0, 18))).toBeNull();
        },
      ),
    );
    const bad = encodeControl({ type: 'ping', sentAt: 1 });
    new DataView(bad.buffer).setFloat64(2, NaN);
    expect(decodeControl(bad)).toBeNull();
  });
});
