import type { i18n } from 'i18next';
import { createI18n } from '../../../../renderer/components/i18n/create-i18n.js';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

export const resources = {
  'zh-CN': { translation: zhCN },
  en: { translation: en },
} as const;

// Its own key: a specialist may want the console in English on the PC that runs a station in Chinese.
const STORAGE_KEY = 'cunyi.console.language';

/** The console's i18next instance: zh-CN unless English was chosen in this browser. */
export function createConsoleI18n(): i18n {
  return createI18n(resources, STORAGE_KEY);
}
