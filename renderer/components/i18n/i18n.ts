import i18next from 'i18next';
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

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

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** One i18next instance per app; zh-CN unless the user chose English on this machine. */
export function createI18n(): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: storedLanguage(),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, lng);
    } catch {
      // A kiosk profile without storage keeps the choice for this session only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  return instance;
}
