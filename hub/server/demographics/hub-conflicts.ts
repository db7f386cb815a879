import type { Queryable } from '../db.js';
import type { DemographicField } from '../../../contract/records/demographics.js';

/** One logged conflict as the hub holds it. */
export interface HubConflict {
  readonly field: DemographicField;
  readonly kept: { value: unknown; hlc: string; origin: string; by: string | null };
  readonly lost: { value: unknown; hlc: string; origin: string; by: string | null };
  readonly stationId: string;
  readonly noticedAt: Date;
}

interface Row {
  field: DemographicField;
  kept_value: unknown;
  kept_hlc: string;
  kept_origin: string;
  kept_by: string | null;
  lost_value: unknown;
  lost_hlc: string;
  lost_origin: string;
  lost_by: string | null;
  station_id: string;
  noticed_at: Date;
}

/** The hub's conflict log for one patient, oldest first. */
export async function listHubConflicts(db: Queryable, patientId: string): Promise<HubConflict[]> {
  const rows = await db.query<Row>('SELECT * FROM demographic_conflicts WHERE patient_id = $1 ORDER BY id', [
    patientId,
  ]);
  return rows.map((r) => ({
    field: r.field,
    kept: { value: r.kept_value, hlc: r.kept_hlc, origin: r.kept_origin, by: r.kept_by },
    lost: { value: r.lost_value, hlc: r.lost_hlc, origin: r.lost_origin, by: r.lost_by },
    stationId: r.station_id,
    noticedAt: new Date(r.noticed_at),
  }));
}
