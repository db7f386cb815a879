import type { Queryable } from '../db.js';
import { demographicStateOf, PatientBodyError } from '../../../contract/records/demographics-fhir.js';
import { mergeDemographics } from '../../../contract/records/demographics-merge.js';
import type { DemographicField } from '../../../contract/records/demographics.js';
import { insertIfAbsent, lockDemographics, logHubConflicts, saveFields } from './demographics-rows.js';

/** What merging a pushed Patient version did. */
export type PushedPatientOutcome =
  | { readonly outcome: 'merged'; readonly changed: readonly DemographicField[]; readonly conflicts: number }
  /** The body holds no readable demographics or clocks; the hub's view is unchanged. */
  | { readonly outcome: 'unreadable'; readonly detail: string }
  /** Another station owns this patient; the hub's view is unchanged. */
  | { readonly outcome: 'foreign_patient' };

/**
 * Merges the demographics of a Patient version a station pushed into the hub's view, inside
 * the transaction that stores the version: reads the field clocks from the resource, merges
 * field by field and logs the values that lost to a concurrent edit. Never throws for a bad
 * body or a foreign patient (a throw would fail the whole batch again and again); it says
 * so in the outcome instead.
 */
export async function mergePushedDemographics(
  tx: Queryable,
  stationId: string,
  patientId: string,
  body: unknown,
): Promise<PushedPatientOutcome> {
  let incoming;
  try {
    incoming = demographicStateOf(body, patientId, stationId);
  } catch (error) {
    if (error instanceof PatientBodyError || error instanceof RangeError)
      return { outcome: 'unreadable', detail: error.message };
    throw error;
  }
  await insertIfAbsent(tx, patientId, stationId, incoming);
  const { owner, state } = await lockDemographics(tx, patientId);
  if (owner !== stationId) return { outcome: 'foreign_patient' };
  const { merged, changed, conflicts } = mergeDemographics(state, incoming);
  await saveFields(tx, patientId, stationId, merged, changed);
  await logHubConflicts(tx, patientId, stationId, conflicts);
  return { outcome: 'merged', changed, conflicts: conflicts.length };
}

/** mergePushedDemographics for the push applier's Patient hook, which wants no answer. */
export async function mergePushedPatient(
  tx: Queryable,
  stationId: string,
  patientId: string,
  body: unknown,
): Promise<void> {
  await mergePushedDemographics(tx, stationId, patientId, body);
}
