import { useTranslation } from 'react-i18next';

/**
 * Numbers as measured: every stored digit is shown (nothing is rounded away), with the
 * separators of the user's language.
 */
export function formatMeasured(value: number, language: string): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: 20, useGrouping: false }).format(value);
}

export interface Formatters {
  number: (value: number) => string;
  /** A calendar date as typed (YYYY-MM-DD), never shifted by time zone. */
  date: (isoDate: string) => string;
  dateTime: (iso: string) => string;
  /** For narrow table columns: "2026/11/22 23:14". */
  shortDateTime: (iso: string) => string;
  /** The time of day to the second, for values that change every second: "10:32:05". */
  timeOfDay: (iso: string) => string;
}

export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return {
    number: (value) => formatMeasured(value, language),
    date: (isoDate) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${isoDate.slice(0, 10)}T00:00:00Z`),
      ),
    dateTime: (iso) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    shortDateTime: (iso) =>
      new Intl.DateTimeFormat(language, { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso)),
    timeOfDay: (iso) => new Intl.DateTimeFormat(language, { timeStyle: 'medium' }).format(new Date(iso)),
  };
}
