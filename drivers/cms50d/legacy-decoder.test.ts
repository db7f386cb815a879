import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { checkParserProperties, fuzzRuns } from '../../test/support/driver-fuzz.js';
import { fromHex } from '../core/byte-buffer.js';
import { legacyGarbage } from './garbage.js';
import { legacyLiveDecoder } from './legacy-decoder.js';
import { encodeLegacyLive, legacyFrameValid } from './legacy-frame.js';
import type { LegacyLive } from './legacy-frame.js';

// `npm run fuzz:drivers` runs 10 million cases: give the property test the time that takes.
const FUZZ_TIMEOUT = Math.max(15_000, fuzzRuns() / 5);

const int = (max: number) => fc.integer({ min: 0, max });
const legacyLive: fc.Arbitrary<LegacyLive> = fc.record({
  signal: int(15),
  fingerOut: fc.boolean(),
  spo2Dropping: fc.boolean(),
  beep: fc.boolean(),
  pleth: int(127),
  bar: int(15),
  probeError: fc.boolean(),
  searching: fc.boolean(),
  pulse: int(255),
  spo2: int(127),
});

describe('legacy live decoder', () => {
  test(
    'parser properties (no checksum: frameValid is the bit-7 framing alone)',
    () => {
      checkParserProperties({
        decoder: legacyLiveDecoder,
        message: legacyLive,
        encode: encodeLegacyLive,
        frameValid: legacyFrameValid,
      });
    },
    FUZZ_TIMEOUT,
  );

  // Frames written by hand from the field layout in atbrask/CMS50Dplus:cms50dplus/cms50dplus.py.
  test('decodes hand-written frames', () => {
    const decoder = legacyLiveDecoder();
    const [measuring, fast, fingerOut, probe] = decoder.push(
      fromHex('E7 40 0A 48 61  87 20 45 0C 5F  97 00 00 7F 7F  80 00 10 7F 7F'),
    );
    // E7: sync, beep, SpO2 dropping, signal 7; pleth 0x40; bar 10; pulse 0x48; SpO2 0x61.
    expect(measuring).toEqual({
      signal: 7,
      fingerOut: false,
      spo2Dropping: true,
      beep: true,
      pleth: 64,
      bar: 10,
      probeError: false,
      searching: false,
      pulse: 72,
      spo2: 97,
    });
    // Byte 2 bit 6 is bit 7 of the pulse: 0x80 + 0x0C = 140 bpm.
    expect(fast).toMatchObject({ pulse: 140, spo2: 95, bar: 5 });
    expect(fingerOut).toMatchObject({ fingerOut: true, pulse: 127, spo2: 127 });
    expect(probe).toMatchObject({ probeError: true, fingerOut: false });
    expect(decoder.dropped).toBe(0);
  });

  test('a truncated frame is dropped and the next one decoded', () => {
    const decoder = legacyLiveDecoder();
    expect(decoder.push(fromHex('E7 40 0A'))).toEqual([]);
    expect(decoder.push(fromHex('E7 41 0A 48 61')).map((f) => f.pleth)).toEqual([65]);
    expect(decoder.dropped).toBe(1);
    expect(decoder.gapsBefore).toEqual([1]);
  });

  test('a second sync bit inside a frame breaks it; the rest of the stream is unharmed', () => {
    const decoder = legacyLiveDecoder();
    const out = decoder.push(fromHex('E7 40 0A 48 61  E7 41 0A C8 61  E7 42 0A 48 61'));
    expect(out.map((f) => f.pleth)).toEqual([64, 66]);
    expect(decoder.gapsBefore).toEqual([0, 1]);
  });

  test('a flipped value bit is not detectable: the legacy protocol has no checksum', () => {
    // SpO2 0x61 with bit 0 flipped arrives as a well-formed frame saying 96 %.
    const [frame] = legacyLiveDecoder().push(fromHex('E7 40 0A 48 60'));
    expect(frame?.spo2).toBe(96);
  });

  test('garbage that breaks framing, then valid data, yields exactly the valid frames', () => {
    const frames = Array.from({ length: 50 }, (_, i) => ({ ...sample, pleth: i, spo2: 90 + (i % 8) }));
    for (const seed of [1, 2, 3, 4, 5]) {
      const junk = legacyGarbage(3000, seed);
      expect(legacyLiveDecoder().push(junk)).toEqual([]); // the precondition: no frame hides in it
      const decoder = legacyLiveDecoder();
      decoder.push(junk);
      const out = decoder.push(Uint8Array.from(frames.flatMap((f) => Array.from(encodeLegacyLive(f)))));
      expect(out).toEqual(frames);
    }
  });

  test('random bytes do contain frames the legacy framing accepts (why "garbage" above is shaped)', () => {
    let state = 7;
    const random = Uint8Array.from({ length: 3000 }, () => (state = (state * 1103515245 + 12345) >>> 0) >>> 24);
    expect(legacyLiveDecoder().push(random).length).toBeGreaterThan(10);
  });
});

const sample: LegacyLive = {
  signal: 6,
  fingerOut: false,
  spo2Dropping: false,
  beep: false,
  pleth: 0,
  bar: 3,
  probeError: false,
  searching: false,
  pulse: 75,
  spo2: 97,
};
