import { useEffect, useState } from 'react';
import type { StationApi } from '../../../../contract/index.js';

export interface DiagnosisNames {
  readonly zh: string;
  readonly en: string;
}

const known = new Map<string, DiagnosisNames | null>();

/**
 * Names of ICD-10 codes from the station's shipped list (timeline entries carry codes only).
 * Asked once per code and kept for the session.
 */
export function useDiagnosisNames(
  station: StationApi,
  codes: readonly string[],
): ReadonlyMap<string, DiagnosisNames | null> {
  const [, setVersion] = useState(0);
  const key = [...new Set(codes)].sort().join(',');
  useEffect(() => {
    const missing = key === '' ? [] : key.split(',').filter((code) => !known.has(code));
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(
      missing.map((code) =>
        station.visits.searchDiagnoses({ query: code, limit: 10 }).then(
          (found) => known.set(code, found.find((d) => d.code === code) ?? null),
          () => undefined,
        ),
      ),
    ).then(() => live && setVersion((v) => v + 1));
    return () => {
      live = false;
    };
  }, [station, key]);
  return known;
}
