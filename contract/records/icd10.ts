import { pinyin } from 'pinyin-pro';
import { z } from 'zod';
import list from './icd10-village.json' with { type: 'json' };

/**
 * The ICD-10 codes a village station uses most (WHO titles in English, the Chinese national
 * clinical edition's names in Chinese). The doctor searches them by code, by Chinese, by
 * pinyin or initials, or by English words; a diagnosis outside the list is typed as text.
 */
export const Icd10Entry = z.object({
  code: z.string().regex(/^[A-Z]\d{2}(\.\d{1,2})?$/),
  zh: z.string().min(1),
  en: z.string().min(1),
});
export type Icd10Entry = z.infer<typeof Icd10Entry>;

export const ICD10_VILLAGE: readonly Icd10Entry[] = z.array(Icd10Entry).parse(list);

const byCode = new Map(ICD10_VILLAGE.map((e) => [e.code, e]));

export function findIcd10(code: string): Icd10Entry | undefined {
  return byCode.get(code.trim().toUpperCase());
}

interface Keys {
  entry: Icd10Entry;
  pinyin: string;
  initials: string;
  words: string[];
}

let keys: Keys[] | null = null;

/** Pinyin keys are computed on the first search, not at import. */
function searchKeys(): Keys[] {
  keys ??= ICD10_VILLAGE.map((entry) => {
    const han = entry.zh.replace(/[^\p{Script=Han}]/gu, '');
    const syllables = pinyin(han, { toneType: 'none', type: 'array', v: true });
    return {
      entry,
      pinyin: syllables.join(''),
      initials: syllables.map((s) => s.slice(0, 1)).join(''),
      words: entry.en
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter(Boolean),
    };
  });
  return keys;
}

/** Exact code first, then code prefixes, then names (Chinese, pinyin, initials, English words). */
export function searchIcd10(query: string, limit = 20): Icd10Entry[] {
  const q = query.trim();
  if (q === '') return [];
  const upper = q.toUpperCase();
  const latin = q.toLowerCase().replace(/[\s']/g, '');
  const ranked: [number, number, Icd10Entry][] = [];
  searchKeys().forEach((k, index) => {
    let rank = -1;
    if (k.entry.code === upper) rank = 0;
    else if (k.entry.code.startsWith(upper)) rank = 1;
    else if (k.entry.zh.includes(q)) rank = k.entry.zh.startsWith(q) ? 2 : 3;
    else if (/^[a-z]+$/.test(latin) && (k.initials.startsWith(latin) || k.pinyin.startsWith(latin))) rank = 4;
    else if (/^[a-z]+$/.test(latin) && (k.initials.includes(latin) || k.pinyin.includes(latin))) rank = 5;
    else if (k.words.some((w) => w.startsWith(q.toLowerCase()))) rank = 6;
    if (rank >= 0) ranked.push([rank, index, k.entry]);
  });
  return ranked
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
    .slice(0, limit)
    .map(([, , entry]) => entry);
}
