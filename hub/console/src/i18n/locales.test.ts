import { describe, expect, it } from 'vitest';
import { AdminErrorCode } from '../../../server/admin/admin-wire.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key));
}

const leaves = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Object.values(value as object).flatMap((child: unknown) => leaves(child));

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();

describe('console locales', () => {
  it('zh-CN and en have the same keys and the same placeholders', () => {
    expect(keysOf(en).sort()).toEqual(keysOf(zhCN).sort());
    const lookup = (tree: unknown, key: string): string =>
      key.split('.').reduce((node: unknown, part) => (node as Record<string, unknown>)[part], tree) as string;
    for (const key of keysOf(zhCN)) expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
  });

  it('has a message for every admin API error code and for a lost network', () => {
    for (const code of [...AdminErrorCode.options, 'network']) {
      expect(keysOf(zhCN)).toContain(`errors.${code}`);
      expect(keysOf(en)).toContain(`errors.${code}`);
    }
  });

  it('has no empty message, and its zh-CN messages are Chinese', () => {
    expect(leaves(en).every((text) => text.trim() !== '')).toBe(true);
    expect(leaves(zhCN).every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
  });
});

describe('console resources', () => {
  it('bring the shared components their words without shadowing any of the console’s own', async () => {
    const { resources, sharedMessages } = await import('./i18n.js');
    for (const language of ['zh-CN', 'en'] as const) {
      const own = language === 'en' ? en : zhCN;
      for (const key of Object.keys(sharedMessages[language])) expect(Object.keys(own)).not.toContain(key);
      const translation = resources[language].translation as Record<string, Record<string, unknown>>;
      expect(translation.vitals?.kinds).toHaveProperty('spo2');
      expect(translation.ecg).toHaveProperty('calibration');
      expect(translation.trends).toHaveProperty('none');
      expect(translation.vitalsPanel).toHaveProperty('none');
    }
  });
});
