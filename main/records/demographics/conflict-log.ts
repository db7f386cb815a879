import type Database from 'better-sqlite3';
import { conflictColumns } from '../../../contract/records/conflict-columns.js';
import { decodeHlc } from '../../../contract/sync/hlc.js';
import type { DemographicConflict, DemographicField } from '../../../contract/records/demographics.js';
import type { MergeConflict } from '../../../contract/records/demographics-merge.js';
import { prepared } from '../../store/prepared.js';

/**
 * Keeps the values that lost to a concurrent edit, in the caller's transaction. A loser
 * noticed again (the same item pulled twice) is kept once.
 */
export function logConflicts(
  db: Database.Database,
  patientId: string,
  conflicts: readonly MergeConflict[],
  at: string,
): void {
  const insert = prepared(
    db,
    `INSERT INTO demographic_conflicts (patient_id, field, kept_value, kept_hlc, kept_origin, kept_by,
       lost_value, lost_hlc, lost_origin, lost_by, noticed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (patient_id, field, lost_hlc) DO NOTHING`,
  );
  for (const conflict of conflicts) insert.run(patientId, conflict.field, ...conflictColumns(conflict), at);
}

interface Row {
  id: number;
  field: DemographicField;
  kept_value: string;
  kept_hlc: string;
  kept_origin: string;
  kept_by: string | null;
  lost_value: string;
  lost_hlc: string;
  lost_origin: string;
  lost_by: string | null;
  noticed_at: string;
}

const wallTime = (hlc: string): string => new Date(decodeHlc(hlc).wall).toISOString();

/** The patient's conflict log, newest first. */
export function listConflicts(db: Database.Database, patientId: string): DemographicConflict[] {
  return prepared<[string], Row>(
    db,
    'SELECT * FROM demographic_conflicts WHERE patient_id = ? ORDER BY noticed_at DESC, id DESC',
  )
    .all(patientId)
    .map((r) => ({
      id: r.id,
      field: r.field,
      kept: {
        value: JSON.parse(r.kept_value) as unknown,
        hlc: r.kept_hlc,
        origin: r.kept_origin,
        by: r.kept_by,
        at: wallTime(r.kept_hlc),
      },
      lost: {
        value: JSON.parse(r.lost_value) as unknown,
        hlc: r.lost_hlc,
        origin: r.lost_origin,
        by: r.lost_by,
        at: wallTime(r.lost_hlc),
      },
      noticedAt: r.noticed_at,
    }));
}
