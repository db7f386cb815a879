import i18next from 'i18next';
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

// Its own key: a specialist may want the console in English on the PC that runs a station in Chinese.
const STORAGE_KEY = 'cunyi.console.language';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/** The console's i18next instance: zh-CN unless English was chosen in this browser. */
export function createConsoleI18n(): i18n {
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
      // Storage may be off (private window): the choice then lasts for this page only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  return instance;
}
