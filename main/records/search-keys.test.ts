import { describe, expect, it } from 'vitest';
import { nameSearchKeys, normalizeQuery } from './search-keys.js';

describe('nameSearchKeys', () => {
  it('gives full pinyin and initials', () => {
    expect(nameSearchKeys('张三')).toMatchObject({ pinyin: 'zhangsan', initials: 'zs' });
  });
  it('reads a polyphonic surname as a surname first and keeps the other reading', () => {
    const keys = nameSearchKeys('单雄信');
    expect(keys.pinyin).toBe('shanxiongxin');
    expect(keys.pinyinAlternatives).toEqual(['shanxiongxin', 'danxiongxin']);
    expect(keys.initialsAlternatives).toEqual(['sxx', 'dxx']);
  });
  it('types ü as v', () => {
    expect(nameSearchKeys('吕女').pinyin).toBe('lvnv');
  });
});

describe('normalizeQuery', () => {
  it.each([
    ['  Zhang San ', 'zhangsan', 'latin'],
    ["xi'an", 'xian', 'latin'],
    ['ＺＳ', 'zs', 'latin'],
    ['１３８００', '13800', 'digits'],
    ['1231002X', '1231002x', 'digits'],
    ['张 三', '张三', 'han'],
    ['张san', '张san', 'mixed'],
  ])('%s → %s (%s)', (raw, text, kind) => {
    expect(normalizeQuery(raw)).toEqual({ text, kind });
  });
});
