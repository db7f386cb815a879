import type { i18n } from 'i18next';
import { createI18n } from '../../../../renderer/components/i18n/create-i18n.js';
// Only what the shared components (vitals glance, trends, ECG trace) say, not the station's screens.
import {
  ecg as ecgEn,
  trends as trendsEn,
  vitals as vitalsEn,
  vitalsPanel as vitalsPanelEn,
} from '../../../../renderer/components/i18n/locales/en.json';
import {
  ecg as ecgZh,
  trends as trendsZh,
  vitals as vitalsZh,
  vitalsPanel as vitalsPanelZh,
} from '../../../../renderer/components/i18n/locales/zh-CN.json';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

/** The station's messages the console's shared components need, in each language. */
export const sharedMessages = {
  'zh-CN': { vitals: vitalsZh, vitalsPanel: vitalsPanelZh, trends: trendsZh, ecg: ecgZh },
  en: { vitals: vitalsEn, vitalsPanel: vitalsPanelEn, trends: trendsEn, ecg: ecgEn },
} as const;

// Side by side, not merged: the console's own files hold none of the shared top-level keys (tested).
export const resources = {
  'zh-CN': { translation: { ...sharedMessages['zh-CN'], ...zhCN } },
  en: { translation: { ...sharedMessages.en, ...en } },
} as const;

// Its own key: a specialist may want the console in English on the PC that runs a station in Chinese.
const STORAGE_KEY = 'cunyi.console.language';

/** The console's i18next instance: zh-CN unless English was chosen in this browser. */
export function createConsoleI18n(): i18n {
  return createI18n(resources, STORAGE_KEY);
}
