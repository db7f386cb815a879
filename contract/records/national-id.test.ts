import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCharacter, maskNationalId, nationalIdMismatches, parseNationalId } from './national-id.js';

const today = new Date('2026-11-22T00:00:00Z');
const parse = (s: string) => parseNationalId(s, today);

describe('parseNationalId', () => {
  it('accepts the worked example of GB 11643 and derives birth date and sex', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true,
      value: {
        id18: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
        convertedFrom15: false,
      },
    });
  });

  it('accepts a lower-case x and spaces as typed', () => {
    const r = parse(' 110105 19491231 002x ');
    expect(r.ok && r.value.id18).toBe('11010519491231002X');
  });

  it('reads an odd sequence digit as male', () => {
    const first17 = '44030419800101001';
    const r = parse(first17 + checkCharacter(first17));
    expect(r.ok && r.value.sex).toBe('male');
  });

  it('converts the legacy 15-digit form', () => {
    const r = parse('110105491231002');
    expect(r).toEqual({
      ok: true,
      value: {
        id18: '11010519491231002X',
        birthDate: '1949-12-31',
        sex: 'female',
        regionCode: '110105',
        convertedFrom15: true,
      },
    });
  });

  it.each([
    ['110105194912310021', 'check_digit'],
    ['1101051949123100', 'format'],
    ['11010519491231002XX', 'format'],
    ['1101051949123100A2', 'format'],
    ['99010519491231002X', 'region'],
    ['110105194902300020', 'birth_date'],
    ['110105203001010020', 'birth_date'],
    ['', 'format'],
    ["1101' OR 1=1 --", 'format'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(parse(input)).toEqual({ ok: false, reason });
  });

  it('any single wrong digit is caught by the check character', () => {
    const valid = '11010519491231002X';
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (pos, delta) => {
        const digit = (Number(valid[pos]) + delta) % 10;
        const changed = valid.slice(0, pos) + String(digit) + valid.slice(pos + 1);
        expect(parse(changed).ok).toBe(false);
      }),
    );
  });
});

describe('nationalIdMismatches and masking', () => {
  const r = parse('11010519491231002X');
  if (!r.ok) throw new Error('fixture');
  it('names each typed fact that disagrees with the ID', () => {
    expect(nationalIdMismatches(r.value, { birthDate: '1949-12-31', sex: 'female' })).toEqual([]);
    expect(nationalIdMismatches(r.value, { birthDate: '1950-12-31', sex: 'male' })).toEqual(['birthDate', 'sex']);
  });
  it('hides the birth date and sequence', () => {
    expect(maskNationalId('11010519491231002X')).toBe('110105********002X');
  });
});
