import type Database from 'better-sqlite3';
import { StationError } from '../../contract/errors.js';
import { withCorrection } from './fhir-resources.js';
import type { Resource } from './fhir-resources.js';
import { appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { currentVersion } from './record-store.js';

/** Where each kind of record keeps its status, and the projection that mirrors it. */
const RETIRE: Partial<Record<string, { mark: (body: Resource) => Resource; table: string; key: string }>> = {
  Observation: {
    mark: (body) => ({ ...body, status: 'entered-in-error' }),
    table: 'observation_index',
    key: 'observation_id',
  },
  Condition: {
    mark: (body) => ({
      ...body,
      verificationStatus: {
        coding: [{ system: 'http://terminology.hl7.org/CodeSystem/condition-ver-status', code: 'entered-in-error' }],
      },
    }),
    table: 'condition_index',
    key: 'condition_id',
  },
  AllergyIntolerance: {
    mark: (body) => ({
      ...body,
      verificationStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification', code: 'entered-in-error' },
        ],
      },
    }),
    table: '',
    key: '',
  },
};

/**
 * Marks a reading, a diagnosis or an allergy as entered in error: a new version that points at
 * the one it retires. Nothing is deleted; the timeline shows both.
 */
export function markEnteredInError(
  db: Database.Database,
  actor: Actor,
  recordId: string,
  reason: string,
): { id: string; version: number } {
  return db
    .transaction(() => {
      const old = currentVersion(db, recordId);
      const rule = RETIRE[old.type];
      if (!rule) {
        throw new StationError('invalid_input', {
          issues: [{ path: ['recordId'], code: 'correction.not_retirable', message: 'correction.not_retirable' }],
        });
      }
      if (old.status === 'entered-in-error') throw new StationError('record_retired', { recordId });
      const version = old.version + 1;
      const at = new Date().toISOString();
      const body = withCorrection(rule.mark(old.body), old.version, reason);
      appendRecord(
        db,
        actor,
        {
          id: recordId,
          version,
          type: old.type,
          patientId: old.patientId,
          encounterId: old.encounterId,
          status: 'entered-in-error',
          body,
        },
        'entered-in-error',
        at,
      );
      if (rule.table !== '') {
        db.prepare(`UPDATE ${rule.table} SET version = ?, status = 'entered-in-error' WHERE ${rule.key} = ?`).run(
          version,
          recordId,
        );
      }
      return { id: recordId, version };
    })
    .immediate();
}
