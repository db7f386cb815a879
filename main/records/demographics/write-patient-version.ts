import type Database from 'better-sqlite3';
import { withFieldStamps } from '../../../contract/records/demographics-fhir.js';
import { DEMOGRAPHIC_FIELDS } from '../../../contract/records/demographics.js';
import type {
  DemographicField,
  DemographicValues,
  FieldStamps,
  FieldState,
} from '../../../contract/records/demographics.js';
import { patientResource } from '../fhir-resources.js';
import { appendRecord } from '../ledger.js';
import type { Actor } from '../ledger.js';
import { indexPatient } from '../patient-index.js';
import { prepared } from '../../store/prepared.js';
import type { CurrentDemographics } from './current-demographics.js';

/**
 * Writes the patient's next Patient version holding `state` (values and field clocks): the
 * record with its outbox and audit entries, the search projections and the clock table, in
 * the caller's transaction. Returns the new version.
 */
export function writePatientVersion(
  db: Database.Database,
  actor: Actor,
  current: CurrentDemographics,
  state: Readonly<Record<DemographicField, FieldState>>,
  action: string,
  at: string,
): number {
  const { record } = current;
  const values = {} as Record<DemographicField, unknown>;
  const stamps: FieldStamps = {};
  for (const field of DEMOGRAPHIC_FIELDS) {
    const { value, hlc, prev, origin, by } = state[field];
    values[field] = value;
    stamps[field] = { hlc, prev, origin, by };
  }
  const facts = values as DemographicValues;
  const version = record.version + 1;
  const body = withFieldStamps(patientResource(record.id, facts), stamps);
  appendRecord(
    db,
    actor,
    { id: record.id, version, type: 'Patient', patientId: record.id, encounterId: null, status: record.status, body },
    action,
    at,
  );
  indexPatient(db, {
    id: record.id,
    version,
    status: record.status,
    name: facts.name,
    sex: facts.sex,
    birthDate: facts.birthDate,
    nationalId: facts.nationalId,
    phone: facts.phone,
    village: facts.village,
  });
  const upsert = prepared(
    db,
    `INSERT INTO patient_field_clocks (patient_id, field, hlc, prev, origin, changed_by) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (patient_id, field) DO UPDATE SET hlc = excluded.hlc, prev = excluded.prev, origin = excluded.origin,
       changed_by = excluded.changed_by`,
  );
  for (const field of DEMOGRAPHIC_FIELDS) {
    const s = stamps[field];
    if (s) upsert.run(record.id, field, s.hlc, s.prev, s.origin, s.by);
  }
  return version;
}

/** Another active patient already holding this national ID, if any. */
export function nationalIdHolder(db: Database.Database, nationalId: string, patientId: string): string | null {
  const row = prepared<[string, string], { patient_id: string }>(
    db,
    "SELECT patient_id FROM patient_index WHERE national_id = ? AND status = 'active' AND patient_id <> ?",
  ).get(nationalId, patientId);
  return row?.patient_id ?? null;
}
