import i18next from 'i18next';
import type { i18n, ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** An app's messages in each language, all in i18next's one `translation` namespace. */
export type AppResources = { readonly [L in Language]: ResourceLanguage };

function storedLanguage(storageKey: string): Language {
  try {
    const value = globalThis.localStorage?.getItem(storageKey);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

/**
 * One i18next instance per app: zh-CN unless English was chosen in this browser, a choice
 * remembered under `storageKey` (each app has its own, so each keeps its own language).
 */
export function createI18n(resources: AppResources, storageKey: string): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: storedLanguage(storageKey),
    fallbackLng: 'zh-CN',
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  instance.on('languageChanged', (lng) => {
    try {
      globalThis.localStorage?.setItem(storageKey, lng);
    } catch {
      // Storage may be off (a kiosk profile, a private window): the choice then lasts for this page only.
    }
    if (typeof document !== 'undefined') document.documentElement.lang = lng;
  });
  return instance;
}
