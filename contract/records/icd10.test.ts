import { describe, expect, it } from 'vitest';
import { CHRONIC_CONDITIONS } from './chronic-conditions.js';
import { findIcd10, ICD10_VILLAGE, searchIcd10 } from './icd10.js';

const codes = (query: string) => searchIcd10(query).map((e) => e.code);

describe('the shipped ICD-10 list', () => {
  it('has well-formed, unique codes and names in both languages', () => {
    expect(ICD10_VILLAGE.length).toBeGreaterThanOrEqual(100);
    expect(new Set(ICD10_VILLAGE.map((e) => e.code)).size).toBe(ICD10_VILLAGE.length);
  });
  it('holds the code of every chronic condition the form offers', () => {
    for (const c of CHRONIC_CONDITIONS) expect(findIcd10(c.icd10), c.key).toBeDefined();
  });
});

describe('searchIcd10', () => {
  it('finds by exact code first, then by code prefix, case-insensitively', () => {
    expect(codes('i10')[0]).toBe('I10');
    expect(codes('I2')).toEqual(expect.arrayContaining(['I20.9', 'I21.9', 'I25.1']));
    expect(codes('I2').every((c) => c.startsWith('I2'))).toBe(true);
  });
  it('finds by Chinese, pinyin initials and full pinyin', () => {
    expect(codes('高血压')).toContain('I10');
    expect(codes('gxy')).toContain('I10');
    expect(codes('gaoxueya')).toContain('I10');
    expect(codes('上呼吸道')).toEqual(['J06.9']);
  });
  it('finds by English word', () => {
    expect(codes('hypertension')).toContain('I10');
  });
  it('finds nothing for nonsense and for an empty query', () => {
    expect(codes('qqqqzzzz')).toEqual([]);
    expect(codes('  ')).toEqual([]);
  });
});
