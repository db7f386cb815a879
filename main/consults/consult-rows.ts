import type Database from 'better-sqlite3';
import { StationError } from '../../contract/errors.js';
import type { CallRecord, ConsultNote, ConsultSummary } from '../../contract/consults/consult.js';
import { prepared } from '../store/prepared.js';

interface ConsultRow {
  consult_id: string;
  patient_id: string;
  visit_id: string;
  specialty: ConsultSummary['specialty'];
  urgency: ConsultSummary['urgency'];
  question: string;
  state: ConsultSummary['state'];
  requested_at: string;
  widened_at: string | null;
  specialist_name: string | null;
  accepted_at: string | null;
  calling_at: string | null;
  answered_at: string | null;
  note: string | null;
  delivered: number;
}

interface CallRow {
  call_id: string;
  started_at: string;
  ended_at: string | null;
  steps: string;
}

const SELECT = `SELECT c.*, EXISTS (SELECT 1 FROM sync_acks a WHERE a.record_id = c.consult_id AND a.record_version = 1) AS delivered
  FROM consults c`;

/** One call as recorded here, with its duration once it ended. */
export function callRecord(row: CallRow): CallRecord {
  const ended = row.ended_at;
  return {
    callId: row.call_id,
    startedAt: row.started_at,
    endedAt: ended,
    durationSeconds: ended === null ? null : Math.max(0, (Date.parse(ended) - Date.parse(row.started_at)) / 1000),
    steps: JSON.parse(row.steps) as CallRecord['steps'],
  };
}

function summaryOf(db: Database.Database, row: ConsultRow): ConsultSummary {
  const calls = prepared<[string], CallRow>(
    db,
    'SELECT call_id, started_at, ended_at, steps FROM consult_calls WHERE consult_id = ? ORDER BY started_at',
  ).all(row.consult_id);
  return {
    consultId: row.consult_id,
    patientId: row.patient_id,
    visitId: row.visit_id,
    specialty: row.specialty,
    urgency: row.urgency,
    question: row.question,
    state: row.state,
    requestedAt: row.requested_at,
    widenedAt: row.widened_at,
    specialist: row.specialist_name === null ? null : { name: row.specialist_name },
    acceptedAt: row.accepted_at,
    callingAt: row.calling_at,
    answeredAt: row.answered_at,
    note: row.note === null ? null : (JSON.parse(row.note) as ConsultNote),
    delivered: row.delivered === 1,
    calls: calls.map(callRecord),
  };
}

export function getConsult(db: Database.Database, consultId: string): ConsultSummary {
  const row = prepared<[string], ConsultRow>(db, `${SELECT} WHERE c.consult_id = ?`).get(consultId);
  if (!row) throw new StationError('not_found', { recordId: consultId });
  return summaryOf(db, row);
}

export function patientConsults(db: Database.Database, patientId: string): ConsultSummary[] {
  return prepared<[string], ConsultRow>(db, `${SELECT} WHERE c.patient_id = ? ORDER BY c.requested_at DESC`)
    .all(patientId)
    .map((row) => summaryOf(db, row));
}

/** Consults still going on, oldest first. */
export function openConsults(db: Database.Database): ConsultSummary[] {
  return prepared<[], ConsultRow>(
    db,
    `${SELECT} WHERE c.state IN ('waiting', 'accepted', 'calling', 'in_call') ORDER BY c.requested_at`,
  )
    .all()
    .map((row) => summaryOf(db, row));
}
