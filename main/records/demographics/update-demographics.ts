import type Database from 'better-sqlite3';
import { StationError, issuesOf } from '../../../contract/errors.js';
import { applyDemographicEdit } from '../../../contract/records/demographics-edit.js';
import { DEMOGRAPHIC_FIELDS, UpdateDemographicsInput } from '../../../contract/records/demographics.js';
import type {
  DemographicField,
  DemographicValues,
  FieldState,
  UpdateDemographicsInput as Input,
} from '../../../contract/records/demographics.js';
import { writeStamp } from '../../../contract/sync/hlc.js';
import type { Actor } from '../ledger.js';
import { currentDemographics } from './current-demographics.js';
import type { CurrentDemographics } from './current-demographics.js';
import { withStationClock } from './station-clock.js';
import { nationalIdHolder, writePatientVersion } from './write-patient-version.js';

/** The stamp for this edit: after everything the station has seen of the patient. */
const editStamp = (db: Database.Database, actor: Actor, current: CurrentDemographics, fields: DemographicField[]) =>
  withStationClock(db, actor.stationId, (clock) =>
    writeStamp(
      clock,
      Object.values(current.state).map((s) => s.hlc),
      fields.map((f) => current.state[f].hlc),
    ),
  );

/**
 * Edits a patient's demographics: checks the changes with registration's rules, refuses an
 * edit made on an older version than the current one, and writes the next Patient version
 * (record, outbox, audit, search keys, field clocks) with a fresh clock on each changed
 * field, in one transaction. An edit that changes nothing writes nothing.
 */
export function updateDemographics(
  db: Database.Database,
  actor: Actor,
  input: Input,
): { version: number; changed: DemographicField[] } {
  const parsed = UpdateDemographicsInput.safeParse(input);
  if (!parsed.success) throw new StationError('invalid_input', { issues: issuesOf(parsed.error) });
  const { patientId, expectedVersion, changes, acceptIdMismatch } = parsed.data;
  return db
    .transaction(() => {
      const current = currentDemographics(db, patientId);
      if (!current) throw new StationError('not_found', { recordId: patientId });
      if (current.record.status !== 'active') throw new StationError('record_retired', { recordId: patientId });
      if (current.record.version !== expectedVersion) throw new StationError('stale_version', { recordId: patientId });

      const before = Object.fromEntries(
        DEMOGRAPHIC_FIELDS.map((f) => [f, current.state[f].value]),
      ) as DemographicValues;
      const edit = applyDemographicEdit(before, changes, acceptIdMismatch === true);
      if (!edit.ok) throw new StationError('invalid_input', { issues: edit.issues });
      const { after, changed } = edit;
      if (changed.length === 0) return { version: current.record.version, changed };
      if (changed.includes('nationalId') && after.nationalId !== null) {
        const holder = nationalIdHolder(db, after.nationalId, patientId);
        if (holder !== null) throw new StationError('duplicate_national_id', { recordId: holder });
      }

      const hlc = editStamp(db, actor, current, changed);
      const state = { ...current.state } as Record<DemographicField, FieldState>;
      for (const field of changed)
        state[field] = {
          value: after[field],
          hlc,
          prev: current.state[field].hlc,
          origin: actor.stationId,
          by: actor.userId,
        };
      const version = writePatientVersion(db, actor, current, state, 'demographics.updated', new Date().toISOString());
      return { version, changed };
    })
    .immediate();
}
