import { useCallback } from 'react';
import type { PatientRecord, StationApi, Visit } from '../../../../contract/index.js';
import { useLoad } from '../../../components/use-load.js';
import { recordHistories } from '../timeline/timeline-model.js';
import type { RecordHistory } from '../timeline/timeline-model.js';

export interface VisitPageData {
  readonly visit: Visit;
  readonly patient: PatientRecord;
  /** Every version of this visit's readings and diagnoses, so a correction shows what it replaced. */
  readonly histories: ReadonlyMap<string, RecordHistory>;
}

export function useVisitPage(station: StationApi, id: string) {
  const load = useCallback(async (): Promise<VisitPageData> => {
    const visit = await station.visits.get({ id });
    const [patient, timeline] = await Promise.all([
      station.patients.get({ id: visit.patientId }),
      station.patients.timeline({ id: visit.patientId, limit: 2000 }),
    ]);
    const mine = timeline.filter((e) => e.visitId === id && e.type !== 'Encounter');
    return { visit, patient, histories: new Map(recordHistories(mine).map((h) => [h.recordId, h])) };
  }, [station, id]);
  return useLoad(load);
}
