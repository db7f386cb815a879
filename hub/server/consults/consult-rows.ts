import { v7 as uuidv7 } from 'uuid';
import type { ConsultNote, ConsultState, Specialty, Urgency } from '../../../contract/consults/consult.js';
import type { ConsultUpdate } from '../../../contract/consults/consult-update.js';
import type { Queryable } from '../db.js';
import { enqueueOutbound } from '../sync/outbound.js';

/** One consult as the hub keeps it, with the accepting specialist's name joined in. */
export interface ConsultRow {
  consult_id: string;
  station_id: string;
  patient_id: string;
  visit_id: string;
  specialty: Specialty;
  routed_specialty: Specialty;
  urgency: Urgency;
  question: string;
  attachments: string[];
  requested_at: Date;
  state: ConsultState;
  widened_at: Date | null;
  accepted_by: string | null;
  accepted_at: Date | null;
  calling_at: Date | null;
  answered_at: Date | null;
  note: ConsultNote | null;
  note_id: string | null;
  specialist_name: string | null;
}

/** The SELECT list of a ConsultRow from `hub_consults c`. */
export const CONSULT_COLUMNS = `c.*, (SELECT display_name FROM specialists s WHERE s.username = c.accepted_by) AS specialist_name`;

export async function findConsult(db: Queryable, consultId: string): Promise<ConsultRow | null> {
  const [row] = await db.query<ConsultRow>(`SELECT ${CONSULT_COLUMNS} FROM hub_consults c WHERE consult_id = $1`, [
    consultId,
  ]);
  return row ?? null;
}

const iso = (at: Date | null): string | null => (at === null ? null : new Date(at).toISOString());

/** What the station is told about a consult: its whole state, so the newest update wins. */
export function consultUpdate(row: ConsultRow): ConsultUpdate {
  return {
    consultId: row.consult_id,
    state: row.state,
    routedSpecialty: row.routed_specialty,
    widenedAt: iso(row.widened_at),
    specialist: row.specialist_name === null ? null : { name: row.specialist_name },
    acceptedAt: iso(row.accepted_at),
    callingAt: iso(row.calling_at),
    answeredAt: iso(row.answered_at),
    note:
      row.note === null || row.note_id === null || row.answered_at === null
        ? null
        : { ...row.note, noteId: row.note_id, authoredAt: new Date(row.answered_at).toISOString() },
  };
}

/** Queues the consult's new state for its station to pull, in the caller's transaction. */
export async function tellStation(tx: Queryable, row: ConsultRow): Promise<void> {
  await enqueueOutbound(tx, row.station_id, 'consult', uuidv7(), consultUpdate(row));
}
