import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatBytes, fromHex, hex } from '../core/byte-buffer.js';
import { checkParserProperties, fuzzRuns } from '../../test/support/driver-fuzz.js';
import { CytonDecoder } from './packet-decoder.js';
import {
  FOOTER_MAX,
  FOOTER_MIN,
  HEADER,
  MAX_COUNT,
  MIN_COUNT,
  PACKET_LENGTH,
  encodePacket,
  isFooter,
  microvoltsPerCount,
} from './protocol.js';
import type { CytonPacket } from './protocol.js';

/** A packet written out by hand from the documented layout, each field chosen to test a corner. */
const EXAMPLE = [
  'a0', // header
  '05', // sample counter
  '00 00 01', // ch1: +1
  'ff ff ff', // ch2: −1 (24-bit two's complement)
  '80 00 00', // ch3: −8,388,608, the most negative count
  '7f ff ff', // ch4: +8,388,607, the most positive
  '00 10 00', // ch5: +4096
  'ff f0 00', // ch6: −4096
  '12 34 56', // ch7: +1,193,046
  'ed cb aa', // ch8: −1,193,046
  '00 01 00 02 00 03', // aux: accelerometer X, Y, Z = 1, 2, 3
  'c0', // footer: standard with accelerometer
].join(' ');

/** About 10 µs a case here (100,000 in ~1 s); a long fuzz run gets time in proportion. */
const FUZZ_TIMEOUT = Math.max(15_000, fuzzRuns() / 20);

const packet = fc.record({
  counter: fc.integer({ min: 0, max: 255 }),
  counts: fc
    .array(fc.integer({ min: MIN_COUNT, max: MAX_COUNT }), { minLength: 8, maxLength: 8 })
    .map((a) => Int32Array.from(a)),
  aux: fc.uint8Array({ minLength: 6, maxLength: 6 }),
  footer: fc.integer({ min: FOOTER_MIN, max: FOOTER_MAX }),
}) satisfies fc.Arbitrary<CytonPacket>;

const frames = (count: number, from = 0) =>
  Array.from({ length: count }, (_, i) =>
    encodePacket({
      counter: (from + i) & 0xff,
      counts: Int32Array.from({ length: 8 }, (_, ch) => ((i % 4000) + 1) * 1000 * (ch % 2 ? -1 : 1) + ch),
      aux: new Uint8Array(6),
      footer: 0xc0,
    }),
  );

describe('Cyton packet decoder', () => {
  it('reads the hand-written example field by field', () => {
    const [p, ...rest] = new CytonDecoder().push(fromHex(EXAMPLE));
    expect(rest).toEqual([]);
    expect(p?.counter).toBe(5);
    expect(Array.from(p?.counts ?? [])).toEqual([1, -1, -8388608, 8388607, 4096, -4096, 1193046, -1193046]);
    expect(hex(p?.aux ?? new Uint8Array())).toBe('00 01 00 02 00 03');
    expect(p?.footer).toBe(0xc0);
    expect(hex(encodePacket(p!))).toBe(hex(fromHex(EXAMPLE)));
  });

  it('scales counts as the documentation states: 0.02235 µV per count at gain 24', () => {
    expect(microvoltsPerCount(24)).toBeCloseTo(0.02235, 5);
    expect(microvoltsPerCount(1)).toBe(4.5e6 / (2 ** 23 - 1));
    // Full scale is ±4.5 V / gain: the largest count is exactly 187,500 µV at gain 24.
    expect(MAX_COUNT * microvoltsPerCount(24)).toBeCloseTo(187_500, 6);
  });

  it('refuses footers outside C0–C6 and a missing header', () => {
    const bytes = fromHex(EXAMPLE);
    for (const footer of [0xc7, 0xcf, 0x00, 0xa0]) {
      const bad = bytes.slice();
      bad[32] = footer;
      expect(new CytonDecoder().push(bad)).toEqual([]);
    }
    const headless = bytes.slice();
    headless[0] = 0x20;
    const decoder = new CytonDecoder();
    expect(decoder.push(headless)).toEqual([]);
  });

  it('resynchronises after a truncated packet and counts the dropped frame', () => {
    const [a, b, c, d] = frames(4);
    const decoder = new CytonDecoder();
    const out = decoder.push(concatBytes([a!, b!.slice(0, 20), c!, d!]));
    expect(out.map((p) => p.counter)).toEqual([0, 2, 3]);
    expect(decoder.dropped).toBeGreaterThanOrEqual(1);
  });

  it("a truncated packet never borrows the next one's bytes, even when a footer-like byte lines up", () => {
    const [a, b, c] = frames(3, 10);
    // b's byte 12 sits where a truncated-to-20 a's footer would be: make it look like a footer.
    b![12] = 0xc3;
    const decoder = new CytonDecoder();
    const out = decoder.push(concatBytes([frames(1, 9)[0]!, a!.slice(0, 20), b!, c!]));
    expect(out.map((p) => p.counter)).toEqual([9, 11, 12]);
    expect(hex(encodePacket(out[1]!))).toBe(hex(b!));
  });

  it('keeps a good packet whose successor arrives broken', () => {
    const [a, b, c, d] = frames(4);
    b![0] = 0x00;
    expect(new CytonDecoder().push(concatBytes([a!, b!, c!, d!])).map((p) => p.counter)).toEqual([0, 2, 3]);
    expect(new CytonDecoder().push(concatBytes([a!, fromHex('13 37'), c!, d!])).map((p) => p.counter)).toEqual([
      0, 2, 3,
    ]);
  });

  it('after garbage, a frame must be followed by A0 (or by nothing yet) to count', () => {
    const [a, b] = frames(2, 254);
    expect(
      new CytonDecoder().push(concatBytes([fromHex('13 37 c0 a0 00'), a!, fromHex('99'), b!])).map((p) => p.counter),
    ).toEqual([255]);
    expect(new CytonDecoder().push(concatBytes([fromHex('13 37 c0 a0 00'), a!, b!])).map((p) => p.counter)).toEqual([
      254, 255,
    ]);
  });

  it('junk that swallows part of a frame costs that frame only (a case fuzzing found)', () => {
    // The junk's A0 and the first frame's aux bytes (… C0 A0) make a well-framed fake.
    const junk = fromHex('a0 00 00');
    const first = fromHex(`a0 ${'00 '.repeat(28)}c0 a0 00 c0`);
    const [second] = frames(1, 7);
    const out = new CytonDecoder().push(concatBytes([junk, first, second!]));
    expect(out.at(-1)?.counter).toBe(7);
    expect(hex(encodePacket(out.at(-1)!))).toBe(hex(second!));
  });

  it('rejects a false frame whose footer lines up but whose next byte is not A0', () => {
    // An A0 inside data with a C-byte 32 bytes later: a fake frame unless the stream goes on in step.
    const fake = new Uint8Array(PACKET_LENGTH + 5).fill(0x11);
    fake[0] = HEADER;
    fake[32] = 0xc3;
    const [real] = frames(1);
    const decoder = new CytonDecoder();
    decoder.push(fromHex('ff'));
    expect(decoder.push(concatBytes([fake, real!, real!])).map((p) => p.counter)).toEqual([0, 0]);
  });

  it(
    'keeps the property tests every driver parser passes',
    () => {
      checkParserProperties({
        decoder: () => new CytonDecoder(),
        message: packet,
        encode: encodePacket,
        // No checksum: a flipped bit outside header and footer yields a valid-looking packet.
        frameValid: (frame) => frame.length === PACKET_LENGTH && frame[0] === HEADER && isFooter(frame[32] as number),
      });
    },
    FUZZ_TIMEOUT,
  );

  it('decodes far faster than any link delivers (500 samples/s is 16.5 kB/s)', () => {
    const stream = concatBytes(frames(256 * 128));
    const chunk = 4096;
    const decoder = new CytonDecoder();
    const rounds = 8;
    let packets = 0;
    const started = performance.now();
    for (let r = 0; r < rounds; r++) {
      for (let at = 0; at < stream.length; at += chunk) packets += decoder.push(stream.subarray(at, at + chunk)).length;
    }
    const seconds = (performance.now() - started) / 1000;
    const mbPerSecond = (stream.length * rounds) / 1e6 / seconds;
    console.log(
      `Cyton decoder: ${mbPerSecond.toFixed(1)} MB/s (${((packets / seconds) | 0).toLocaleString()} packets/s)`,
    );
    expect(packets).toBe(256 * 128 * rounds);
    expect(mbPerSecond).toBeGreaterThan(1);
  });
});
