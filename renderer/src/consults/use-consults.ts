import { useCallback, useEffect } from 'react';
import type { ConsultSummary, StationApi } from '../../../contract/index.js';
import { useLoad } from '../../components/use-load.js';

/**
 * Calls `reload` whenever a consult that `concerns` the caller changes, so states, notes and
 * call histories follow the hub without a manual refresh.
 */
export function useReloadOnConsultChange(
  station: StationApi,
  concerns: (c: ConsultSummary) => boolean,
  reload: () => void,
): void {
  useEffect(
    () =>
      station.consults.changes({}, (c) => {
        if (concerns(c)) reload();
      }),
    [station, concerns, reload],
  );
}

/** A patient's consults, newest first, kept current. */
export function usePatientConsults(station: StationApi, patientId: string) {
  const load = useCallback(() => station.consults.list({ patientId }), [station, patientId]);
  const concerns = useCallback((c: ConsultSummary) => c.patientId === patientId, [patientId]);
  const [list, reload] = useLoad(load);
  useReloadOnConsultChange(station, concerns, reload);
  return [list, reload] as const;
}
