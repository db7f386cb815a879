import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { StationError } from '../../contract/errors.js';
import type { ConsultRequestInput } from '../../contract/consults/consult.js';
import { consultServiceRequest } from '../../contract/consults/consult-fhir.js';
import type { ConsultRequestRecord } from '../../contract/consults/consult-fhir.js';
import { appendRecord } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { latestReadings } from '../records/observations.js';
import { currentVersion } from '../records/record-store.js';
import { requireOpenVisit } from '../records/visits.js';
import { prepared } from '../store/prepared.js';

/** A record to attach: of this patient and of the type named, or a not_found refusal. */
function requireOf(db: Database.Database, patientId: string, id: string, type: 'Observation' | 'Media'): void {
  const record = currentVersion(db, id, type);
  if (record.patientId !== patientId) throw new StationError('not_found', { recordId: id });
}

/**
 * Asks for a consult from an open visit: the ServiceRequest record (consult lane, so it goes
 * out before routine records and wakes the sync loop), and the row the screens read, in one
 * transaction.
 */
export function requestConsult(db: Database.Database, actor: Actor, input: ConsultRequestInput, at: string): string {
  const consultId = uuidv7();
  db.transaction(() => {
    const { patientId } = requireOpenVisit(db, input.visitId);
    if (input.ecgObservationId !== null) requireOf(db, patientId, input.ecgObservationId, 'Observation');
    for (const photoId of input.photoIds) requireOf(db, patientId, photoId, 'Media');
    // Vital signs only: an ECG strip is attached when the doctor picks one, never by default.
    const vitals = input.attachVitals
      ? latestReadings(db, patientId)
          .filter((r) => r.kind !== 'ecg')
          .map((r) => r.id)
      : [];
    const record: ConsultRequestRecord = {
      consultId,
      patientId,
      requestedAt: at,
      requesterId: actor.userId,
      request: { visitId: input.visitId, specialty: input.specialty, urgency: input.urgency, question: input.question },
      attachments: [
        ...[...vitals, ...(input.ecgObservationId ? [input.ecgObservationId] : [])].map((id) => ({
          type: 'Observation' as const,
          id,
        })),
        ...[...new Set(input.photoIds)].map((id) => ({ type: 'Media' as const, id })),
      ],
      status: 'active',
    };
    appendRecord(
      db,
      actor,
      {
        id: consultId,
        version: 1,
        type: 'ServiceRequest',
        patientId,
        encounterId: input.visitId,
        status: 'active',
        body: consultServiceRequest(record),
      },
      'create',
      at,
      'consult',
    );
    prepared(
      db,
      `INSERT INTO consults (consult_id, patient_id, visit_id, specialty, urgency, question, state, requested_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 'waiting', ?, ?)`,
    ).run(consultId, patientId, input.visitId, input.specialty, input.urgency, input.question, at, at);
  }).immediate();
  return consultId;
}

/** Withdraws a consult nobody answered: the ServiceRequest's next version says `revoked`. */
export function cancelConsult(db: Database.Database, actor: Actor, consultId: string, at: string): void {
  db.transaction(() => {
    const current = currentVersion(db, consultId, 'ServiceRequest');
    const row = prepared<[string], { state: string }>(db, 'SELECT state FROM consults WHERE consult_id = ?').get(
      consultId,
    );
    if (!row) throw new StationError('not_found', { recordId: consultId });
    if (row.state === 'answered' || row.state === 'cancelled')
      throw new StationError('consult_closed', { recordId: consultId });
    appendRecord(
      db,
      actor,
      {
        id: consultId,
        version: current.version + 1,
        type: 'ServiceRequest',
        patientId: current.patientId,
        encounterId: current.encounterId,
        status: 'revoked',
        body: { ...current.body, status: 'revoked' },
      },
      'cancel',
      at,
      'consult',
    );
    prepared(db, `UPDATE consults SET state = 'cancelled', updated_at = ? WHERE consult_id = ?`).run(at, consultId);
  }).immediate();
}
