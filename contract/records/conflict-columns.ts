import type { MergeConflict } from './demographics-merge.js';

/** A conflict's values in the column order both conflict logs (station and hub) declare them. */
export type ConflictColumns = [
  keptValue: string,
  keptHlc: string,
  keptOrigin: string,
  keptBy: string | null,
  lostValue: string,
  lostHlc: string,
  lostOrigin: string,
  lostBy: string | null,
];

/**
 * The values to store for one conflict, for `kept_value, kept_hlc, kept_origin, kept_by,
 * lost_value, lost_hlc, lost_origin, lost_by`; a value is kept as JSON text.
 */
export function conflictColumns({ kept, lost }: MergeConflict): ConflictColumns {
  return [
    JSON.stringify(kept.value ?? null),
    kept.hlc,
    kept.origin,
    kept.by,
    JSON.stringify(lost.value ?? null),
    lost.hlc,
    lost.origin,
    lost.by,
  ];
}
