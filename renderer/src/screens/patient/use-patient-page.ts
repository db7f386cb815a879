import { useCallback } from 'react';
import type { PatientRecord, StationApi, UserSummary } from '../../../../contract/index.js';
import type { TimelineEntry, Trends, VitalReading } from '../../../../contract/records/visit.js';
import type { DemographicConflict } from '../../../../contract/records/demographics.js';
import { useLoad } from '../../../components/use-load.js';
import { latestReadings } from './latest-readings.js';

export interface PatientPageData {
  readonly patient: PatientRecord;
  readonly timeline: readonly TimelineEntry[];
  readonly trends: Trends;
  readonly latest: readonly VitalReading[];
  /** The station's doctors, to name who captured the consent. */
  readonly users: readonly UserSummary[];
  /** Values that lost to a concurrent edit of the same detail. */
  readonly conflicts: readonly DemographicConflict[];
}

/** Everything the patient page shows, read together and reloaded after a write. */
export function usePatientPage(station: StationApi, id: string) {
  const load = useCallback(async (): Promise<PatientPageData> => {
    const [patient, timeline, trends, users, conflicts] = await Promise.all([
      station.patients.get({ id }),
      station.patients.timeline({ id, limit: 2000 }),
      station.patients.trends({ id }),
      station.auth.users({}).catch((): UserSummary[] => []),
      station.patients.demographicConflicts({ patientId: id }),
    ]);
    return { patient, timeline, trends, latest: await latestReadings(station, timeline), users, conflicts };
  }, [station, id]);
  return useLoad(load);
}
