import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { StationError } from '../../contract/errors.js';
import { appendRecord } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { indexObservation, observationResource } from '../records/observations.js';
import { requireOpenVisit } from '../records/visits.js';
import { provenanceResource, withDevice } from './device-resources.js';
import type { Pending } from './pending-reading.js';

/**
 * Stores confirmed device readings in an open visit, in one transaction: each an Observation
 * timed when the device measured it, carrying the device; one Provenance per device naming
 * the doctor who confirmed them. Each record commits with its outbox and audit entries.
 */
export function confirmReadings(
  db: Database.Database,
  actor: Actor,
  visitId: string,
  pendings: readonly Pending[],
): string[] {
  return db
    .transaction(() => {
      const { patientId } = requireOpenVisit(db, visitId);
      const at = new Date().toISOString();
      const ids: string[] = [];
      const byDevice = new Map<string, string[]>();
      for (const pending of pendings) {
        const reading = pending.reading;
        if (!reading) {
          const refusal = pending.view.refusal;
          throw new StationError('invalid_input', {
            issues: [
              {
                path: ['readingIds', pending.view.id],
                code: refusal?.code ?? 'vitals.out_of_limits',
                message: refusal?.code ?? 'vitals.out_of_limits',
                ...(refusal ? { params: { min: refusal.min, max: refusal.max, unit: refusal.unit } } : {}),
              },
            ],
          });
        }
        const id = uuidv7();
        const effectiveAt = pending.view.measuredAt;
        const body = withDevice(
          observationResource(id, patientId, visitId, reading, 'final', effectiveAt, actor.userId),
          pending.identity,
        );
        appendRecord(
          db,
          actor,
          { id, version: 1, type: 'Observation', patientId, encounterId: visitId, status: 'final', body },
          'record-device-vital',
          at,
        );
        indexObservation(db, id, 1, patientId, visitId, reading, 'final', effectiveAt);
        ids.push(id);
        const key = pending.view.deviceKey;
        byDevice.set(key, [...(byDevice.get(key) ?? []), id]);
      }
      for (const [key, observationIds] of byDevice) {
        const identity = pendings.find((p) => p.view.deviceKey === key)?.identity;
        if (!identity) continue;
        const id = uuidv7();
        appendRecord(
          db,
          actor,
          {
            id,
            version: 1,
            type: 'Provenance',
            patientId,
            encounterId: visitId,
            status: 'final',
            body: provenanceResource(id, observationIds, identity, actor.userId, at),
          },
          'confirm-device-readings',
          at,
        );
      }
      return ids;
    })
    .immediate();
}
