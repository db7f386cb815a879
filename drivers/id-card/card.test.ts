import { describe, expect, it } from 'vitest';
import { IdCardData } from '../../contract/records/patient.js';
import { hex } from '../core/byte-buffer.js';
import { cardOf, isoDateOf, LONG_TERM, sexOf } from './card.js';
import { decodeCardText, encodeCardText, encodeReadData, FIELDS_LENGTH, TEXT_LENGTH } from './card-text.js';
import { ETHNICITY_BY_CODE, ethnicityOf } from './ethnicity.js';
import { toIdCardData } from './id-card-data.js';
import { fakePhoto, LONG_TERM_CARD, ZHANG_SAN, ZHANG_SAN_DECODED } from './test-cards.js';

const readData = (card: typeof ZHANG_SAN) => encodeReadData(encodeCardText(card), card.photo);

describe('card text layout', () => {
  it('puts each field where the chip keeps it, UCS-2 little-endian, space-padded', () => {
    const text = encodeCardText(ZHANG_SAN);
    expect(text.length).toBe(TEXT_LENGTH);
    expect(FIELDS_LENGTH).toBe(220);
    // 张 U+5F20, 三 U+4E09, then 13 spaces.
    expect(hex(text.subarray(0, 8))).toBe('20 5f 09 4e 20 00 20 00');
    expect(hex(text.subarray(28, 30))).toBe('20 00');
    // Sex at character 15, ethnicity at 16–17, birth date from 18.
    expect(hex(text.subarray(30, 36))).toBe('31 00 30 00 31 00');
    expect(hex(text.subarray(36, 40))).toBe('31 00 39 00');
    // The ID number starts at byte 122, as the source's main.c reads it.
    expect(hex(text.subarray(122, 126))).toBe('35 00 33 00');
    expect(hex(text.subarray(156, 158))).toBe('58 00');
    // Reserved tail: spaces.
    expect(hex(text.subarray(220, 224))).toBe('20 00 20 00');
  });

  it('decodes hand-written bytes: name, codes and dates, trimming the padding', () => {
    const text = new Uint8Array(TEXT_LENGTH);
    for (let i = 0; i < TEXT_LENGTH; i += 2) text[i] = 0x20;
    text.set([0x4e, 0x67, 0xdb, 0x56], 0); // 李 U+674E, 四 U+56DB
    text.set([0x32, 0x00], 30); // sex 2
    text.set([0x30, 0x00, 0x33, 0x00], 32); // ethnicity 03
    const fields = decodeCardText(text);
    expect(fields.name).toBe('李四');
    expect(fields.sexCode).toBe('2');
    expect(fields.ethnicityCode).toBe('03');
    expect(fields.address).toBe('');
  });

  it('refuses to encode a field wider than the chip keeps', () => {
    expect(() => encodeCardText({ ...ZHANG_SAN, name: '一二三四五六七八九十一二三四五六' })).toThrow(RangeError);
  });
});

describe('card from a read reply', () => {
  it('decodes every field of a resident card and keeps the photo byte for byte', () => {
    const card = cardOf(readData(ZHANG_SAN));
    expect(card).toEqual({ ...ZHANG_SAN_DECODED, photo: ZHANG_SAN.photo });
  });

  it('reads a long-term card (the end date field holds the word, not a date)', () => {
    const card = cardOf(readData(LONG_TERM_CARD));
    expect(card).toMatchObject({
      name: '阿依古丽·买买提',
      sex: 'female',
      ethnicity: '维吾尔',
      birthDate: '1960-02-29',
      validUntil: LONG_TERM,
    });
  });

  it('an ethnicity code outside GB 3304 gives an empty ethnicity, not a lost card', () => {
    expect(cardOf(readData({ ...ZHANG_SAN, ethnicityCode: '81' })).ethnicity).toBe('');
  });

  it.each([
    ['no name', { name: '' }],
    ['a birth date that is not a date', { birthDate: '19800231' }],
    ['a validity start that is not a date', { validFrom: '2015060' }],
    ['a validity end that is neither a date nor long-term', { validUntil: 'forever' }],
  ])('refuses text with %s as a protocol error', (_, change) => {
    expect(() => cardOf(readData({ ...ZHANG_SAN, ...change }))).toThrow(
      expect.objectContaining({ kind: 'protocol', code: 'id_card.unreadable_text' }),
    );
  });

  it('refuses data whose lengths do not add up', () => {
    const data = readData(ZHANG_SAN);
    expect(() => cardOf(data.subarray(0, data.length - 1))).toThrow(expect.objectContaining({ kind: 'protocol' }));
    expect(() => cardOf(encodeReadData(new Uint8Array(100), fakePhoto()))).toThrow(
      expect.objectContaining({ kind: 'protocol' }),
    );
  });

  it('sex codes follow GB/T 2261.1', () => {
    expect(['0', '1', '2', '9', 'x'].map(sexOf)).toEqual(['unknown', 'male', 'female', 'unknown', 'unknown']);
  });

  it('dates must exist', () => {
    expect(isoDateOf('20240229')).toBe('2024-02-29');
    expect(isoDateOf('20230229')).toBeNull();
    expect(isoDateOf('2023022')).toBeNull();
  });
});

describe('GB 3304 ethnicity table', () => {
  it('has the 56 groups as codes 01–56, plus 97 and 98, each name once, none with the 族 suffix', () => {
    const codes = Object.keys(ETHNICITY_BY_CODE).sort();
    const expected = [...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98'];
    expect(codes).toEqual(expected);
    const names = Object.values(ETHNICITY_BY_CODE);
    expect(new Set(names).size).toBe(58);
    expect(names.every((n) => n.length > 0 && !n.endsWith('族'))).toBe(true);
  });

  it('spot checks against the standard', () => {
    expect(
      ['01', '02', '05', '10', '11', '22', '29', '36', '43', '44', '56', '97', '98'].map((c) => ethnicityOf(c)),
    ).toEqual([
      '汉',
      '蒙古',
      '维吾尔',
      '朝鲜',
      '满',
      '畲',
      '柯尔克孜',
      '毛南',
      '乌孜别克',
      '俄罗斯',
      '基诺',
      '其他',
      '外国血统',
    ]);
    expect(ethnicityOf('57')).toBeNull();
    expect(ethnicityOf('1')).toBeNull();
  });
});

describe('mapping onto the station contract (IdCardData)', () => {
  it('a card maps onto IdCardData and passes its schema', () => {
    for (const source of [ZHANG_SAN, LONG_TERM_CARD]) {
      const data = toIdCardData(cardOf(readData(source)));
      expect(data).not.toBeNull();
      expect(IdCardData.parse(data)).toEqual(data);
    }
    expect(toIdCardData(cardOf(readData(ZHANG_SAN)))).toEqual({
      name: '张三',
      sex: 'male',
      ethnicity: '汉',
      birthDate: '1980-01-15',
      address: '云南省昆明市五华区青年路123号',
      nationalId: '53010219800115001X',
      issuingAuthority: '昆明市公安局五华分局',
      validFrom: '2015-06-01',
      validTo: '2035-06-01',
    });
  });

  it('a card with an unknown sex code does not map (the form needs male or female)', () => {
    expect(toIdCardData(cardOf(readData({ ...ZHANG_SAN, sexCode: '9' })))).toBeNull();
  });

  it('an unknown ethnicity is left out rather than sent empty', () => {
    const data = toIdCardData(cardOf(readData({ ...ZHANG_SAN, ethnicityCode: '81' })));
    expect(data && 'ethnicity' in data).toBe(false);
  });
});
