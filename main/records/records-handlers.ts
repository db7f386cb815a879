import type Database from 'better-sqlite3';
import type { HandlersOf } from '../../contract/define.js';
import type { StationContract } from '../../contract/index.js';
import { searchIcd10 } from '../../contract/records/icd10.js';
import type { Actor } from './ledger.js';
import { markEnteredInError } from './corrections.js';
import { exportPatientBundle } from './fhir-export.js';
import { dueFollowUps } from './follow-ups.js';
import { prefillFromIdCard } from './id-card-prefill.js';
import { amendReading, readingSeries, writeReadings } from './observations.js';
import { likelyDuplicates } from './patient-duplicates.js';
import { getPatientRecord } from './patient-record.js';
import { searchPatients } from './patient-search.js';
import { registerPatient } from './register-patient.js';
import { listConflicts, updateDemographics } from './demographics/index.js';
import { patientTimeline } from './timeline.js';
import { addDiagnosis, closeVisit, getVisit, openVisit, requireOpenVisit, saveVisitNotes } from './visits.js';

/** Every records call needs a signed-in, unlocked doctor; writes carry her into the audit log. */
export interface RecordsDeps {
  db: Database.Database;
  stationId: string;
  requireActor: () => Actor;
}

type Handlers = HandlersOf<StationContract>;

const trendPoints = (db: Database.Database, patientId: string, kind: string) =>
  readingSeries(db, patientId, kind).map((r) => ({
    at: r.effectiveAt,
    value: r.value,
    value2: r.value2,
    unit: r.unit,
    interpretation: r.interpretation,
  }));

export function patientsHandlers({ db, stationId, requireActor }: RecordsDeps): Handlers['patients'] {
  return {
    search: ({ query, limit }) => {
      requireActor();
      return searchPatients(db, query, limit);
    },
    checkDuplicates: ({ name, birthDate, phone }) => {
      requireActor();
      return likelyDuplicates(db, { name, birthDate, phone });
    },
    register: ({ patient, notDuplicateOf, acceptIdMismatch }) =>
      registerPatient(db, requireActor(), patient, { notDuplicateOf, acceptIdMismatch }),
    get: ({ id }) => {
      requireActor();
      return getPatientRecord(db, id);
    },
    timeline: ({ id, limit }) => {
      requireActor();
      getPatientRecord(db, id);
      return patientTimeline(db, id, limit);
    },
    trends: ({ id }) => {
      requireActor();
      return {
        bloodPressure: trendPoints(db, id, 'bloodPressure'),
        glucose: trendPoints(db, id, 'glucose'),
        weight: trendPoints(db, id, 'weight'),
      };
    },
    followUps: () => {
      requireActor();
      return dueFollowUps(db);
    },
    prefillFromIdCard: ({ card }) => {
      requireActor();
      return prefillFromIdCard(db, card);
    },
    exportFhir: ({ id }) => {
      requireActor();
      return exportPatientBundle(db, stationId, id);
    },
    updateDemographics: (input) => updateDemographics(db, requireActor(), input),
    demographicConflicts: ({ patientId }) => {
      requireActor();
      return listConflicts(db, patientId);
    },
  };
}

export function visitsHandlers({ db, requireActor }: RecordsDeps): Handlers['visits'] {
  return {
    open: (input) => openVisit(db, requireActor(), input),
    get: ({ id }) => {
      requireActor();
      return getVisit(db, id);
    },
    saveNotes: (input) => saveVisitNotes(db, requireActor(), input),
    recordVitals: ({ visitId, vitals }) => {
      const actor = requireActor();
      return db
        .transaction(() => {
          const { patientId } = requireOpenVisit(db, visitId);
          return { observationIds: writeReadings(db, actor, new Date().toISOString(), patientId, visitId, vitals) };
        })
        .immediate();
    },
    addDiagnosis: (input) => addDiagnosis(db, requireActor(), input),
    searchDiagnoses: ({ query, limit }) => {
      requireActor();
      return searchIcd10(query, limit);
    },
    close: ({ id }) => closeVisit(db, requireActor(), id),
    amendVital: ({ observationId, vitals, reason }) => amendReading(db, requireActor(), observationId, vitals, reason),
    enteredInError: ({ recordId, reason }) => markEnteredInError(db, requireActor(), recordId, reason),
  };
}
