import type Database from 'better-sqlite3';
import { ConsultUpdate } from '../../contract/consults/consult-update.js';
import { consultCommunication } from '../../contract/consults/consult-fhir.js';
import { StationError } from '../../contract/errors.js';
import { appendRecord } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { currentVersion } from '../records/record-store.js';
import { prepared } from '../store/prepared.js';

interface Row {
  patient_id: string;
  visit_id: string;
  state: string;
  note_id: string | null;
}

/** Writes the specialist's note into the record: a Communication, and the request marked completed. */
function recordNote(
  db: Database.Database,
  hub: Actor,
  consultId: string,
  row: Row,
  update: ConsultUpdate,
  at: string,
): void {
  const note = update.note;
  if (note === null || row.note_id !== null) return;
  const { noteId, authoredAt, ...sections } = note;
  appendRecord(
    db,
    hub,
    {
      id: noteId,
      version: 1,
      type: 'Communication',
      patientId: row.patient_id,
      encounterId: row.visit_id,
      status: 'completed',
      body: consultCommunication({
        noteId,
        consultId,
        patientId: row.patient_id,
        visitId: row.visit_id,
        authoredAt,
        specialistName: update.specialist?.name ?? '',
        note: sections,
      }),
    },
    'consult.answered',
    at,
    'consult',
  );
  const request = currentVersion(db, consultId, 'ServiceRequest');
  if (request.status === 'active')
    appendRecord(
      db,
      hub,
      {
        id: consultId,
        version: request.version + 1,
        type: 'ServiceRequest',
        patientId: request.patientId,
        encounterId: request.encounterId,
        status: 'completed',
        body: { ...request.body, status: 'completed' },
      },
      'consult.answered',
      at,
      'consult',
    );
}

/**
 * Applies what the hub says about one of this station's consults (a pull item of kind
 * `consult`, inside the pull's transaction). Updates come in the hub's order and carry the
 * whole state, so the newest wins; a consult cancelled here stays cancelled unless it was
 * answered first. Returns the consult id so the screens can be told after the commit.
 */
export function applyConsultUpdate(db: Database.Database, hub: Actor, payload: unknown, at: string): string {
  const update = ConsultUpdate.parse(payload);
  const row = prepared<[string], Row>(
    db,
    'SELECT patient_id, visit_id, state, note_id FROM consults WHERE consult_id = ?',
  ).get(update.consultId);
  if (!row) throw new StationError('not_found', { recordId: update.consultId });
  if (row.state === 'cancelled' && update.state !== 'answered') return update.consultId;
  recordNote(db, hub, update.consultId, row, update, at);
  prepared(
    db,
    `UPDATE consults SET state = ?, widened_at = ?, specialist_name = ?, accepted_at = ?, calling_at = ?, answered_at = ?,
            note_id = coalesce(note_id, ?), note = coalesce(note, ?), updated_at = ?
      WHERE consult_id = ?`,
  ).run(
    update.state,
    update.widenedAt,
    update.specialist?.name ?? null,
    update.acceptedAt,
    update.callingAt,
    update.answeredAt,
    update.note?.noteId ?? null,
    update.note
      ? JSON.stringify({
          assessment: update.note.assessment,
          advice: update.note.advice,
          followUp: update.note.followUp,
        })
      : null,
    at,
    update.consultId,
  );
  return update.consultId;
}
