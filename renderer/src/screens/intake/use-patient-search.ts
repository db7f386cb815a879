import { useEffect, useState } from 'react';
import type { PatientSummary, StationApi } from '../../../../contract/index.js';
import { useDebouncedValue } from '../../use-debounced-value.js';

export type SearchState =
  | { readonly state: 'idle' }
  | { readonly state: 'searching'; readonly query: string }
  | { readonly state: 'done'; readonly query: string; readonly results: readonly PatientSummary[] }
  | { readonly state: 'failed'; readonly query: string; readonly error: unknown };

const DEBOUNCE_MS = 250;

/** Searches as the doctor types, once she pauses; an older answer never replaces a newer one. */
export function usePatientSearch(station: StationApi, typed: string): SearchState {
  const query = useDebouncedValue(typed.trim(), DEBOUNCE_MS);
  const [result, setResult] = useState<SearchState>({ state: 'idle' });
  useEffect(() => {
    if (query === '') return;
    let live = true;
    station.patients.search({ query: query.slice(0, 64), limit: 30 }).then(
      (results) => live && setResult({ state: 'done', query, results }),
      (error: unknown) => live && setResult({ state: 'failed', query, error }),
    );
    return () => {
      live = false;
    };
  }, [station, query]);
  if (typed.trim() === '') return { state: 'idle' };
  if (result.state === 'idle' || ('query' in result && result.query !== typed.trim())) {
    return { state: 'searching', query: typed.trim() };
  }
  return result;
}
