import type { i18n } from 'i18next';
import { createI18n } from './create-i18n.js';
import type { Language } from './create-i18n.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

type Messages = { readonly [key: string]: string | Messages };

/** Deep-merges message trees; `extra` wins where both hold a string. */
export function mergeMessages(base: Messages, extra: Messages): Messages {
  const out: Record<string, string | Messages> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const mine = out[key];
    out[key] = typeof value === 'object' && typeof mine === 'object' ? mergeMessages(mine, value) : value;
  }
  return out;
}

// Domain resources (records.zh-CN.json, records.en.json, …) sit beside the app's own files
// and join the one translation namespace, so components use the same keys everywhere.
const domainFiles = import.meta.glob<Messages>('./locales/*.*.json', { eager: true, import: 'default' });

function messagesFor(language: Language, own: Messages): Messages {
  return Object.entries(domainFiles)
    .filter(([path]) => path.endsWith(`.${language}.json`))
    .sort(([a], [b]) => a.localeCompare(b))
    .reduce((merged, [, extra]) => mergeMessages(merged, extra), own);
}

export const resources = {
  'zh-CN': { translation: messagesFor('zh-CN', zhCN) },
  en: { translation: messagesFor('en', en) },
} as const;

const STORAGE_KEY = 'cunyi.language';

/** The station's i18next instance: zh-CN unless English was chosen on this machine. */
export function createStationI18n(): i18n {
  return createI18n(resources, STORAGE_KEY);
}
