import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkParserProperties, fuzzRuns } from '../../test/support/driver-fuzz.js';
import { fromHex, hex } from '../core/byte-buffer.js';
import { v46Garbage } from './garbage.js';
import { v46Decoder } from './v46-decoder.js';
import { encodeV46, v46FrameValid } from './v46-frame.js';
import type { V46Live, V46Message, V46Stored } from './v46-frame.js';

// `npm run fuzz:drivers` runs 10 million cases: give the property test the time that takes.
const FUZZ_TIMEOUT = Math.max(15_000, fuzzRuns() / 5);

const b7 = fc.integer({ min: 0, max: 127 });
const live: fc.Arbitrary<V46Live> = fc.record({
  kind: fc.constant('live' as const),
  status: b7,
  info: b7,
  pleth: b7,
  aux: b7,
  pulse: b7,
  spo2: b7,
});
const stored: fc.Arbitrary<V46Stored> = fc.record({
  kind: fc.constant('stored' as const),
  flags: b7,
  raw: fc.tuple(b7, b7, b7, b7, b7, b7),
});
const message: fc.Arbitrary<V46Message> = fc.oneof(live, stored);

// The seven live packets of headrotor/contec_data:stream_data.py's capture after `7D 81 A1`.
const HEADROTOR_TRACE = `
  01 E0 85 B3 96 C1 E1 FF FF
  01 E0 85 B0 96 C1 E1 FF FF
  01 E0 85 AE 95 C1 E1 FF FF
  01 E0 85 AC 95 C1 E1 FF FF
  01 E0 85 AB 95 C1 E1 FF FF
  01 E0 85 AA 95 C1 E1 FF FF
  01 E0 85 AA 95 C1 E1 FF FF`;

describe('firmware 4.6 decoder', () => {
  test(
    'parser properties (framing only: bit 7 pattern and the FF FF tail)',
    () => {
      checkParserProperties({ decoder: v46Decoder, message, encode: encodeV46, frameValid: v46FrameValid });
    },
    FUZZ_TIMEOUT,
  );

  test("decodes headrotor's captured stream", () => {
    const out = v46Decoder().push(fromHex(HEADROTOR_TRACE));
    expect(out.map((m) => (m.kind === 'live' ? m.pleth : -1))).toEqual([0x33, 0x30, 0x2e, 0x2c, 0x2b, 0x2a, 0x2a]);
    expect(out[0]).toEqual({ kind: 'live', status: 0x60, info: 0x05, pleth: 0x33, aux: 0x16, pulse: 65, spo2: 97 });
  });

  test("decodes MarkMLl's nominal packet", () => {
    // consoleapp.pas: "01 e0 85 d5 9a bd e3 ff ff"; its comment gives bd as 53, but 0xbd & 0x7f is 61.
    const [m] = v46Decoder().push(fromHex('01 e0 85 d5 9a bd e3 ff ff'));
    expect(m).toMatchObject({ kind: 'live', pleth: 85, aux: 26, pulse: 61, spo2: 99 });
  });

  test('a packet without its FF FF tail or with a clear bit 7 is dropped', () => {
    const decoder = v46Decoder();
    const out = decoder.push(
      fromHex('01 E0 85 B3 96 C1 E1 FF 7F  01 E0 85 B3 96 C1 61 FF FF  01 E0 85 B0 96 C1 E1 FF FF'),
    );
    expect(out.map((m) => m.kind === 'live' && m.pleth)).toEqual([0x30]);
    expect(decoder.dropped).toBe(2);
    expect(decoder.gapsBefore).toEqual([2]);
  });

  test('a truncated packet is dropped and the next one decoded', () => {
    const decoder = v46Decoder();
    expect(decoder.push(fromHex('01 E0 85 B3 96'))).toEqual([]);
    expect(decoder.push(fromHex('01 E0 85 B0 96 C1 E1 FF FF'))).toHaveLength(1);
    expect(decoder.gapsBefore).toEqual([1]);
  });

  test('stored packets share the framing', () => {
    const [m] = v46Decoder().push(fromHex('0F 82 E1 C8 E0 C6 DF C4'));
    expect(m).toEqual({ kind: 'stored', flags: 0x02, raw: [97, 72, 96, 70, 95, 68] });
    expect(hex(encodeV46(m!))).toBe('0f 82 e1 c8 e0 c6 df c4');
  });

  test('garbage, then valid data, yields exactly the valid packets', () => {
    const packets: V46Message[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'live',
      status: 0x60,
      info: 5,
      pleth: i,
      aux: 22,
      pulse: 60 + i,
      spo2: 90 + (i % 9),
    }));
    for (const seed of [1, 2, 3, 4, 5]) {
      const junk = v46Garbage(5000, seed);
      expect(v46Decoder().push(junk)).toEqual([]);
      const decoder = v46Decoder();
      decoder.push(junk);
      expect(decoder.push(Uint8Array.from(packets.flatMap((p) => Array.from(encodeV46(p)))))).toEqual(packets);
    }
  });
});
