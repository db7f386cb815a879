import type Database from 'better-sqlite3';
import { DemographicsPayload } from '../../../contract/records/demographics.js';
import type { DemographicField, DemographicState, FieldState } from '../../../contract/records/demographics.js';
import { mergeDemographics } from '../../../contract/records/demographics-merge.js';
import { decodeHlc, maxHlc } from '../../../contract/sync/hlc.js';
import type { Actor } from '../ledger.js';
import { logConflicts } from './conflict-log.js';
import { currentDemographics } from './current-demographics.js';
import { withStationClock } from './station-clock.js';
import { nationalIdHolder, writePatientVersion } from './write-patient-version.js';

/** Why a pulled demographics item cannot be applied; the same item will fail again. */
export type DemographicsApplyReason = 'invalid_payload' | 'unknown_patient' | 'patient_retired' | 'national_id_taken';

/** Raised by applyPulledDemographics when the item must be set aside; nothing was written. */
export class DemographicsApplyError extends Error {
  constructor(
    readonly reason: DemographicsApplyReason,
    message: string,
  ) {
    super(message);
    this.name = 'DemographicsApplyError';
  }
}

/**
 * Applies a `demographics` item pulled from the hub, inside the caller's transaction (the
 * one that moves the pull cursor): merges the hub's fields with the station's by clock, logs
 * the values that lost to a concurrent edit, and writes a new Patient version only when the
 * merged demographics differ from the current version. The station clock takes in the hub's
 * clocks, so the next edit here is later than anything received.
 */
export function applyPulledDemographics(db: Database.Database, actor: Actor, payload: unknown): void {
  if (!db.inTransaction) throw new Error('applyPulledDemographics must run inside the caller’s transaction');
  const parsed = DemographicsPayload.safeParse(payload);
  if (!parsed.success) throw new DemographicsApplyError('invalid_payload', 'demographics item is malformed');
  const { patientId, fields } = parsed.data;
  const current = currentDemographics(db, patientId);
  if (!current) throw new DemographicsApplyError('unknown_patient', `no patient ${patientId} on this station`);
  if (current.record.status !== 'active')
    throw new DemographicsApplyError('patient_retired', `patient ${patientId} is not active`);

  // Every check comes before the first write: the caller may record the refusal and move its
  // cursor in this same transaction, which must then hold nothing of this item.
  const remote = fields as DemographicState;
  const { merged, changed, conflicts } = mergeDemographics(current.state, remote);
  const state = merged as Record<DemographicField, FieldState>;
  const nationalId = state.nationalId.value as string | null;
  if (changed.includes('nationalId') && nationalId !== null) {
    const holder = nationalIdHolder(db, nationalId, patientId);
    if (holder !== null)
      throw new DemographicsApplyError('national_id_taken', `national ID already held by patient ${holder}`);
  }

  // Only a value taken here is news to the clock: every other remote clock is at most one it has seen.
  const received = changed.map((f) => state[f].hlc);
  if (received.length > 0)
    withStationClock(db, actor.stationId, (clock) => {
      clock.receive(decodeHlc(maxHlc(...(received as [string, ...string[]]))));
    });
  const at = new Date().toISOString();
  logConflicts(db, patientId, conflicts, at);
  if (changed.length > 0) writePatientVersion(db, actor, current, state, 'demographics.merged_from_hub', at);
}
