import type Database from 'better-sqlite3';
import { StationError } from '../../contract/errors.js';
import type { RecordType } from './ledger.js';
import type { Resource } from './fhir-resources.js';
import { prepared } from '../store/prepared.js';

/** One stored version of a record, its body parsed. */
export interface StoredRecord {
  id: string;
  version: number;
  type: RecordType;
  patientId: string;
  encounterId: string | null;
  status: string;
  body: Resource;
  recordedAt: string;
  recordedBy: string;
}

interface Row {
  id: string;
  version: number;
  type: RecordType;
  patient_id: string;
  encounter_id: string | null;
  status: string;
  body: string;
  recorded_at: string;
  recorded_by: string;
}

export const RECORD_COLUMNS = 'id, version, type, patient_id, encounter_id, status, body, recorded_at, recorded_by';

export function fromRow(row: Row): StoredRecord {
  return {
    id: row.id,
    version: row.version,
    type: row.type,
    patientId: row.patient_id,
    encounterId: row.encounter_id,
    status: row.status,
    body: JSON.parse(row.body) as Resource,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by,
  };
}

/** The newest version of a record, or a not_found refusal naming the id. */
export function currentVersion(db: Database.Database, id: string, type?: RecordType): StoredRecord {
  const row = prepared<[string], Row>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM records WHERE id = ? ORDER BY version DESC LIMIT 1`,
  ).get(id);
  if (!row || (type !== undefined && row.type !== type)) throw new StationError('not_found', { recordId: id });
  return fromRow(row);
}

/** The current version of each record of some types for a patient. */
export function currentRecords(db: Database.Database, patientId: string, types: readonly RecordType[]): StoredRecord[] {
  const marks = types.map(() => '?').join(', ');
  return prepared<string[], Row>(
    db,
    `SELECT ${RECORD_COLUMNS} FROM records r WHERE patient_id = ? AND type IN (${marks})
         AND version = (SELECT max(version) FROM records WHERE id = r.id)
       ORDER BY recorded_at`,
  )
    .all(patientId, ...types)
    .map(fromRow);
}
