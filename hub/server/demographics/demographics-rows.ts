import type { Queryable } from '../db.js';
import { DEMOGRAPHIC_FIELDS } from '../../../contract/records/demographics.js';
import type { DemographicField, DemographicState, FieldState } from '../../../contract/records/demographics.js';
import { conflictColumns } from '../../../contract/records/conflict-columns.js';
import type { MergeConflict } from '../../../contract/records/demographics-merge.js';

interface Row {
  field: DemographicField;
  value: unknown;
  hlc: string;
  prev: string | null;
  origin: string;
  changed_by: string | null;
  station_id: string;
}

/** The hub's merged demographics of one patient and the station that owns it (null: unknown patient). */
export interface HubPatientDemographics {
  readonly owner: string | null;
  readonly state: DemographicState;
}

const stateOf = (rows: Row[]): HubPatientDemographics => {
  const state: DemographicState = {};
  for (const r of rows)
    state[r.field] = { value: r.value, hlc: r.hlc, prev: r.prev, origin: r.origin, by: r.changed_by };
  return { owner: rows[0]?.station_id ?? null, state };
};

const SELECT = `SELECT field, value, hlc, prev, origin, changed_by, station_id FROM patient_demographics
  WHERE patient_id = $1`;

/** Reads a patient's rows and locks them to the end of the transaction: one writer per patient at a time. */
export async function lockDemographics(tx: Queryable, patientId: string): Promise<HubPatientDemographics> {
  return stateOf(await tx.query<Row>(`${SELECT} ORDER BY field FOR UPDATE`, [patientId]));
}

/** Reads a patient's merged demographics without locking (for display). */
export async function readDemographics(db: Queryable, patientId: string): Promise<HubPatientDemographics> {
  return stateOf(await db.query<Row>(SELECT, [patientId]));
}

const columns = (patientId: string, owner: string, fields: readonly DemographicField[], state: DemographicState) => {
  const pick = <T>(f: (s: FieldState) => T) => fields.map((field) => f(state[field] as FieldState));
  return [
    patientId,
    owner,
    [...fields],
    pick((s) => JSON.stringify(s.value ?? null)),
    pick((s) => s.hlc),
    pick((s) => s.prev),
    pick((s) => s.origin),
    pick((s) => s.by),
  ];
};

const UNNEST = `SELECT $1::uuid, $2::uuid, f.field, f.value::jsonb, f.hlc, f.prev, f.origin, f.changed_by
  FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
    AS f(field, value, hlc, prev, origin, changed_by)`;

/**
 * Inserts every field of a patient the hub has not seen yet; a patient already held is left
 * as it is (its rows are merged after being locked). Safe when two pushes race.
 */
export async function insertIfAbsent(
  tx: Queryable,
  patientId: string,
  owner: string,
  state: Required<DemographicState>,
): Promise<void> {
  await tx.query(
    `INSERT INTO patient_demographics (patient_id, station_id, field, value, hlc, prev, origin, changed_by)
     ${UNNEST} ON CONFLICT (patient_id, field) DO NOTHING`,
    columns(patientId, owner, DEMOGRAPHIC_FIELDS, state),
  );
}

/** Writes the given fields of the merged state. */
export async function saveFields(
  tx: Queryable,
  patientId: string,
  owner: string,
  state: DemographicState,
  fields: readonly DemographicField[],
): Promise<void> {
  if (fields.length === 0) return;
  await tx.query(
    `INSERT INTO patient_demographics (patient_id, station_id, field, value, hlc, prev, origin, changed_by)
     ${UNNEST}
     ON CONFLICT (patient_id, field) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, prev = excluded.prev,
       origin = excluded.origin, changed_by = excluded.changed_by, updated_at = now()`,
    columns(patientId, owner, fields, state),
  );
}

/** Keeps values that lost to a concurrent edit; one entry per losing write. */
export async function logHubConflicts(
  tx: Queryable,
  patientId: string,
  owner: string,
  conflicts: readonly MergeConflict[],
): Promise<void> {
  for (const conflict of conflicts) {
    await tx.query(
      `INSERT INTO demographic_conflicts (patient_id, station_id, field, kept_value, kept_hlc, kept_origin, kept_by,
         lost_value, lost_hlc, lost_origin, lost_by)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::jsonb, $9, $10, $11)
       ON CONFLICT (patient_id, field, lost_hlc) DO NOTHING`,
      [patientId, owner, conflict.field, ...conflictColumns(conflict)],
    );
  }
}
