import type Database from 'better-sqlite3';
import { demographicStateOf } from '../../../contract/records/demographics-fhir.js';
import type { DemographicField, FieldState } from '../../../contract/records/demographics.js';
import { fromRow, RECORD_COLUMNS } from '../record-store.js';
import type { StoredRecord } from '../record-store.js';
import { prepared } from '../../store/prepared.js';

/** A patient's current Patient version and its demographics, every field stamped. */
export interface CurrentDemographics {
  readonly record: StoredRecord;
  /** The station that registered the patient (the node of its registration stamps). */
  readonly owner: string;
  readonly state: Readonly<Record<DemographicField, FieldState>>;
}

/**
 * Reads a patient's demographics from the current Patient version, or null when the station
 * holds no such patient. The record's own field clocks are the truth (they are what the hub
 * merges); `patient_field_clocks` mirrors them.
 */
export function currentDemographics(db: Database.Database, patientId: string): CurrentDemographics | null {
  const row = prepared<[string], Parameters<typeof fromRow>[0]>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM records WHERE id = ? AND type = 'Patient' ORDER BY version DESC LIMIT 1`,
  ).get(patientId);
  if (!row) return null;
  const first = prepared<[string], { station_id: string }>(
    db,
    "SELECT station_id FROM records WHERE id = ? AND type = 'Patient' AND version = 1",
  ).get(patientId);
  const record = fromRow(row);
  const owner = first?.station_id ?? '';
  return { record, owner, state: demographicStateOf(record.body, patientId, owner) };
}
