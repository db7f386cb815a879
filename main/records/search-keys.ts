import { pinyin } from 'pinyin-pro';

/** The readings of a name a doctor might type: full pinyin and initials, lower case, no spaces. */
export interface NameSearchKeys {
  /** The most likely reading, reading the first character as a surname (单 → shan). */
  readonly pinyin: string;
  readonly initials: string;
  /** Every reading worth matching (surname and ordinary readings of polyphonic characters). */
  readonly pinyinAlternatives: readonly string[];
  readonly initialsAlternatives: readonly string[];
}

const syllables = (name: string, surname: boolean): string[] =>
  pinyin(name, {
    toneType: 'none',
    type: 'array',
    v: true, // 吕 → lv, as typed on a keyboard
    nonZh: 'consecutive',
    ...(surname ? { surname: 'head' as const } : {}),
  }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));

/** Search keys for a patient's name; Latin letters in a name are kept as typed, lower case. */
export function nameSearchKeys(name: string): NameSearchKeys {
  const readings = [syllables(name, true), syllables(name, false)];
  const full = [...new Set(readings.map((r) => r.join('')))];
  const initials = [...new Set(readings.map((r) => r.map((s) => s.slice(0, 1)).join('')))];
  return {
    pinyin: full[0] ?? '',
    initials: initials[0] ?? '',
    pinyinAlternatives: full,
    initialsAlternatives: initials,
  };
}

export type QueryKind = 'digits' | 'latin' | 'han' | 'mixed';

/** Full-width ASCII (typed with a Chinese IME) folded to half-width. */
const foldWidth = (s: string): string =>
  s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A search box's text as the index holds it: lower case, no spaces, apostrophes or dashes. */
export function normalizeQuery(raw: string): { text: string; kind: QueryKind } {
  const text = foldWidth(raw.normalize('NFC'))
    .toLowerCase()
    .replace(/[\s'’\-·]/g, '');
  let kind: QueryKind = 'mixed';
  if (/^\d+x?$/.test(text)) kind = 'digits';
  else if (/^[a-z]+$/.test(text)) kind = 'latin';
  else if (/^\p{Script=Han}+$/u.test(text)) kind = 'han';
  return { text, kind };
}
