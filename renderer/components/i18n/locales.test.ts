import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../contract/errors.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('locales', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
  });

  it('every contract error code has a message in both languages', () => {
    for (const code of ErrorCode.options) {
      expect(keysOf(zhCN)).toContain(`errors.${code}`);
      expect(keysOf(en)).toContain(`errors.${code}`);
    }
  });

  it('no message is empty and zh-CN messages are Chinese', () => {
    const leaves = (obj: unknown): string[] =>
      typeof obj === 'string' ? [obj] : Object.values(obj as object).flatMap((v: unknown) => leaves(v));
    expect(leaves(en).every((s) => s.trim() !== '')).toBe(true);
    const zh = leaves(zhCN).filter((s) => !/^\{\{\w+\}\}$/.test(s));
    expect(zh.every((s) => /[\u4e00-\u9fff]/.test(s))).toBe(true);
  });
});
