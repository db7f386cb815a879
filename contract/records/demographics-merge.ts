import { DEMOGRAPHIC_FIELDS } from './demographics.js';
import type { DemographicField, DemographicState, FieldState } from './demographics.js';

/** A value that lost to a different value of the same field written without seeing it. */
export interface MergeConflict {
  readonly field: DemographicField;
  readonly kept: FieldState;
  readonly lost: FieldState;
}

export interface MergeResult {
  readonly merged: DemographicState;
  /** Fields where the merged state differs from `local` (value or stamp). */
  readonly changed: readonly DemographicField[];
  readonly conflicts: readonly MergeConflict[];
}

/** JSON with object keys sorted, so equal values give equal text whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export const sameValue = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const sameState = (a: FieldState, b: FieldState): boolean =>
  a.hlc === b.hlc && a.prev === b.prev && a.origin === b.origin && a.by === b.by && sameValue(a.value, b.value);

/**
 * Which of two states of one field wins: the greater clock. Equal clocks are the same write;
 * should two ever carry different contents, the greater canonical text wins, so every replica
 * still picks the same one.
 */
function winnerOf(a: FieldState, b: FieldState): FieldState {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc ? a : b;
  return canonicalJson(a) >= canonicalJson(b) ? a : b;
}

/**
 * Merges another replica's demographics into ours, field by field: last writer by hybrid
 * logical clock wins. Commutative, associative and idempotent in `merged`, so replicas that
 * have seen the same writes hold the same state whatever the order they saw them in.
 *
 * A loser whose value differs from the winner's is a conflict unless the winner was written
 * over exactly that value (its `prev` is the loser's clock): then it was an ordinary later
 * edit. Deliveries in order (pushes in outbox order, pulls from a cursor) report exactly the
 * concurrent losers; out of order, a value may also be reported that an edit replaced a few
 * steps back, but a concurrent loser is never missed.
 */
export function mergeDemographics(local: DemographicState, remote: DemographicState): MergeResult {
  const merged: DemographicState = { ...local };
  const changed: DemographicField[] = [];
  const conflicts: MergeConflict[] = [];
  for (const field of DEMOGRAPHIC_FIELDS) {
    const mine = local[field];
    const theirs = remote[field];
    if (theirs === undefined) continue;
    if (mine === undefined) {
      merged[field] = theirs;
      changed.push(field);
      continue;
    }
    if (sameState(mine, theirs)) continue;
    const kept = winnerOf(mine, theirs);
    const lost = kept === mine ? theirs : mine;
    if (!sameValue(kept.value, lost.value) && kept.prev !== lost.hlc) conflicts.push({ field, kept, lost });
    if (kept !== mine) {
      merged[field] = kept;
      changed.push(field);
    }
  }
  return { merged, changed, conflicts };
}
