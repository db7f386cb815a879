import { describe, expect, it } from 'vitest';
import { resources } from '../../components/i18n/i18n.js';
import en from '../../components/i18n/locales/consults.en.json';
import zhCN from '../../components/i18n/locales/consults.zh-CN.json';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}
const leaves = (obj: unknown): string[] =>
  typeof obj === 'string' ? [obj] : Object.values(obj as object).flatMap((v: unknown) => leaves(v));
const at = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);
const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

// The consult words live in their own resource files (joined into the one namespace), so the
// app's locales test does not see them: these are the same checks for them.
describe('consult locales', () => {
  it('zh-CN and en have the same keys and the same placeholders in each message', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    for (const key of keysOf(en)) {
      expect(placeholders(at(zhCN, key) as string), key).toEqual(placeholders(at(en, key) as string));
    }
  });

  it('no message is empty and zh-CN messages are Chinese', () => {
    expect(leaves(en).every((s) => s.trim() !== '')).toBe(true);
    const notChinese = leaves(zhCN).filter((s) => !/[\u4e00-\u9fff]/.test(s));
    expect(notChinese).toEqual([]);
  });

  it('joins the app namespace in both languages, replacing no key the app already had', () => {
    for (const key of keysOf(en)) {
      expect(at(resources.en.translation, key), key).toBe(at(en, key));
      expect(at(resources['zh-CN'].translation, key), key).toBe(at(zhCN, key));
    }
  });
});
