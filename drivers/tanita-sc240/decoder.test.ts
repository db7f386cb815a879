import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkParserProperties } from '../../test/support/driver-fuzz.js';
import { MAX_LINE, ScaleLineDecoder } from './decoder.js';
import { CR, encodeLine, LF, lineOf, parseLine } from './line.js';
import type { ScaleField, ScaleLine } from './line.js';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/** What the protocol itself can check: one CR LF at the end, a well-formed line before it. */
const frameValid = (frame: Uint8Array): boolean => {
  const n = frame.length;
  if (n < 2 || frame[n - 2] !== CR || frame[n - 1] !== LF) return false;
  const content = frame.subarray(0, n - 2);
  if (content.includes(CR) || content.includes(LF)) return false;
  return parseLine(content) !== null;
};

const decimal = fc.stringMatching(/^\d{1,3}(\.\d{1,2})?$/);
// Keys: two visible characters other than the comma, and not one the driver interprets.
const otherKey = fc.stringMatching(/^[!-+\--~]{2}$/).filter((k) => !['Wk', 'FW', 'MI'].includes(k));
const otherValue = fc.stringMatching(/^[ -+\--~]{0,10}$/);

const scaleLine: fc.Arbitrary<ScaleLine> = fc
  .record({
    weight: decimal,
    fat: fc.option(decimal, { nil: undefined }),
    bmi: fc.option(decimal, { nil: undefined }),
    others: fc.uniqueArray(fc.tuple(otherKey, otherValue), { maxLength: 8, selector: ([k]) => k }),
    at: fc.nat(),
  })
  .map(({ weight, fat, bmi, others, at }) => {
    const ours: ScaleField[] = [['Wk', weight]];
    if (fat !== undefined) ours.push(['FW', fat]);
    if (bmi !== undefined) ours.push(['MI', bmi]);
    const fields: ScaleField[] = [...others];
    fields.splice(at % (fields.length + 1), 0, ...ours);
    return lineOf(fields);
  });

describe('Tanita SC-240 line decoder: properties', () => {
  it('never throws, splits anywhere, resynchronises, and drops damaged lines', () => {
    checkParserProperties({
      decoder: () => new ScaleLineDecoder(),
      message: scaleLine,
      encode: (line) => encodeLine(line.fields),
      frameValid,
    });
  });
});

describe('Tanita SC-240 line decoder: examples', () => {
  it('reads the weight exactly as printed, with BMI, fat and the checksum kept verbatim', () => {
    const [line, ...rest] = new ScaleLineDecoder().push(ascii('{0,16,~0,1,Wk,62.4,FW,20.1,MI,22.1,CS,3A\r\n'));
    expect(rest).toEqual([]);
    expect(line).toMatchObject({ weightKg: 62.4, fatPercent: 20.1, bmi: 22.1, checksum: '3A' });
    expect(line?.fields).toEqual([
      ['{0', '16'],
      ['~0', '1'],
      ['Wk', '62.4'],
      ['FW', '20.1'],
      ['MI', '22.1'],
      ['CS', '3A'],
    ]);
  });

  it('keeps trailing zeros out of the value but never rounds: 100.05 stays 100.05', () => {
    const [line] = new ScaleLineDecoder().push(ascii('Wk,100.05\r\n'));
    expect(line?.weightKg).toBe(100.05);
    expect(line?.fatPercent).toBeUndefined();
    expect(line?.bmi).toBeUndefined();
  });

  it('assembles a line delivered a byte at a time, CR and LF in separate chunks', () => {
    const decoder = new ScaleLineDecoder();
    const got = Array.from(ascii('Wk,70.0,CS,00\r\n')).flatMap((b) => decoder.push(Uint8Array.of(b)));
    expect(got.map((l) => l.weightKg)).toEqual([70]);
  });

  it.each([
    ['no weight', 'FW,20.1,CS,00'],
    ['a weight that is not a number', 'Wk,6?.4,CS,00'],
    ['a signed weight', 'Wk,-62.4'],
    ['an odd number of fields', 'Wk,62.4,CS'],
    ['a key of three characters', 'Wkk,62.4'],
    ['a key sent twice', 'Wk,62.4,Wk,63.0'],
    ['a non-ASCII byte', 'Wk,62.4,MO,\u00e9'],
    ['a control byte', 'Wk,62.4,MO,a\tb'],
    ['BMI that is not a number', 'Wk,62.4,MI,x'],
  ])('drops a line with %s', (_, text) => {
    const decoder = new ScaleLineDecoder();
    expect(decoder.push(Uint8Array.from([...ascii(text), CR, LF]))).toEqual([]);
    expect(decoder.dropped).toBe(1);
  });

  it('waits for CR LF: a bare LF or a bare CR does not end a line', () => {
    const decoder = new ScaleLineDecoder();
    expect(decoder.push(ascii('Wk,62.4\n'))).toEqual([]);
    expect(decoder.push(ascii('\rWk,62.5\r\n'))).toEqual([]);
    expect(decoder.dropped).toBe(1);
    expect(decoder.push(ascii('Wk,62.6\r\n')).map((l) => l.weightKg)).toEqual([62.6]);
  });

  it('skips blank lines without counting them as damage', () => {
    const decoder = new ScaleLineDecoder();
    expect(decoder.push(ascii('\r\n\r\nWk,50\r\n')).map((l) => l.weightKg)).toEqual([50]);
    expect(decoder.dropped).toBe(0);
  });

  it('bounds a line: noise without CR LF is skipped up to the next CR LF, then it reads again', () => {
    const decoder = new ScaleLineDecoder();
    const noise = new Uint8Array(MAX_LINE * 3).fill(0x41);
    expect(decoder.push(noise)).toEqual([]);
    expect(decoder.pending).toBeLessThanOrEqual(MAX_LINE + 1);
    expect(decoder.push(ascii('Wk,1.0\r\nWk,2.0\r\n')).map((l) => l.weightKg)).toEqual([2]);
    expect(decoder.dropped).toBe(1);
  });

  it('accepts a line of exactly the maximum length', () => {
    const filler = 'x'.repeat(MAX_LINE - 'Wk,1.5,MO,'.length);
    const [line] = new ScaleLineDecoder().push(ascii(`Wk,1.5,MO,${filler}\r\n`));
    expect(line?.weightKg).toBe(1.5);
  });

  it('abandons a partial line on request and counts it', () => {
    const decoder = new ScaleLineDecoder();
    decoder.push(ascii('\x8f\x12Wk,6'));
    decoder.discardPartial();
    expect(decoder.dropped).toBe(1);
    expect(decoder.push(ascii('Wk,61.2\r\n')).map((l) => l.weightKg)).toEqual([61.2]);
  });
});
