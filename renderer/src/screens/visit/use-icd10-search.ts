import { useEffect, useState } from 'react';
import type { StationApi } from '../../../../contract/index.js';
import { useDebouncedValue } from '../../use-debounced-value.js';

/** One entry of the station's shipped ICD-10 list. */
export interface Icd10 {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
}

/**
 * The shipped list's matches for what the doctor typed, once she pauses; never an older answer.
 * Null while the answer for what is typed has not arrived.
 */
export function useIcd10Search(station: StationApi, typed: string): readonly Icd10[] | null {
  const query = useDebouncedValue(typed.trim(), 200);
  const [found, setFound] = useState<{ query: string; results: readonly Icd10[] }>({ query: '', results: [] });
  useEffect(() => {
    if (query === '') return;
    let live = true;
    station.visits.searchDiagnoses({ query: query.slice(0, 32), limit: 12 }).then(
      (results) => live && setFound({ query, results }),
      () => live && setFound({ query, results: [] }),
    );
    return () => {
      live = false;
    };
  }, [station, query]);
  if (typed.trim() === '') return [];
  return found.query === typed.trim() ? found.results : null;
}
