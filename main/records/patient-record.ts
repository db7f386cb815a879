import type Database from 'better-sqlite3';
import { StationError } from '../../contract/errors.js';
import { CHRONIC_CONDITIONS } from '../../contract/records/chronic-conditions.js';
import type { PatientRecord } from '../../contract/records/patient.js';
import { allergyFacts, conditionFacts, consentFacts, patientFacts } from './fhir-resources.js';
import { toSummary } from './patient-search.js';
import { currentRecords, currentVersion } from './record-store.js';

/** The patient page's header: demographics, allergies, chronic problems, consent, open visit. */
export function getPatientRecord(db: Database.Database, patientId: string): PatientRecord {
  const row = db
    .prepare<[string], Parameters<typeof toSummary>[0]>(
      'SELECT patient_id, name, sex, birth_date, national_id, phone, village, last_visit_at FROM patient_index WHERE patient_id = ?',
    )
    .get(patientId);
  if (!row) throw new StationError('not_found', { recordId: patientId });
  const patient = currentVersion(db, patientId, 'Patient');
  const first = db
    .prepare<[string], { recorded_at: string }>('SELECT recorded_at FROM records WHERE id = ? AND version = 1')
    .get(patientId);
  const facts = patientFacts(patient.body);
  const others = currentRecords(db, patientId, ['AllergyIntolerance', 'Consent', 'Condition']).filter(
    (r) => r.status !== 'entered-in-error',
  );
  const consent = others.filter((r) => r.type === 'Consent').at(-1);
  const open = db
    .prepare<[string], { encounter_id: string }>(
      "SELECT encounter_id FROM encounter_index WHERE patient_id = ? AND status = 'in-progress'",
    )
    .get(patientId);
  const problemIds = new Set(
    db
      .prepare<[string], { condition_id: string }>(
        "SELECT condition_id FROM condition_index WHERE patient_id = ? AND category = 'problem-list-item' AND status = 'active'",
      )
      .all(patientId)
      .map((r) => r.condition_id),
  );
  return {
    ...toSummary(row),
    version: patient.version,
    nationalId: facts.nationalId,
    address: facts.address,
    insuranceNumber: facts.insuranceNumber,
    emergencyContact: facts.emergencyContact,
    allergies: others
      .filter((r) => r.type === 'AllergyIntolerance')
      .map((r) => ({ id: r.id, ...allergyFacts(r.body) })),
    chronicConditions: others
      .filter((r) => r.type === 'Condition' && problemIds.has(r.id))
      .map((r) => {
        const code = conditionFacts(r.body).code ?? '';
        return { id: r.id, code, key: CHRONIC_CONDITIONS.find((c) => c.icd10 === code)?.key ?? null };
      }),
    consent: consent ? consentFacts(consent.body) : null,
    registeredAt: first?.recorded_at ?? patient.recordedAt,
    openVisitId: open?.encounter_id ?? null,
  };
}
