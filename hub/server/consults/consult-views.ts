import { URGENCY_RANK } from '../../../contract/consults/consult.js';
import type { SpecialistSummary } from '../admin/admin-wire.js';
import type { Queryable } from '../db.js';
import { CONSULT_COLUMNS } from './consult-rows.js';
import type { ConsultRow } from './consult-rows.js';
import type { ConsultDetail, QueueEntry } from './console-wire.js';
import { ageOn, patientSummary } from './patient-summary.js';
import { routable } from './routing.js';
import type { ConsultRouter } from './routing.js';

type Row = ConsultRow & {
  station_name: string | null;
  patient: { name?: { text?: string }[]; gender?: string; birthDate?: string } | null;
};

const ROW_COLUMNS = `${CONSULT_COLUMNS},
  (SELECT name FROM stations st WHERE st.station_id = c.station_id) AS station_name,
  (SELECT body FROM hub_records r WHERE r.record_id = c.patient_id ORDER BY version DESC LIMIT 1) AS patient`;

const iso = (at: Date | null) => (at === null ? null : new Date(at).toISOString());

function entryOf(row: Row, me: string, now: Date): QueueEntry {
  const gender = row.patient?.gender;
  return {
    consultId: row.consult_id,
    stationName: row.station_name,
    patient: {
      name: row.patient?.name?.[0]?.text ?? null,
      sex: gender === 'male' || gender === 'female' || gender === 'other' ? gender : 'unknown',
      ageYears: ageOn(row.patient?.birthDate ?? null, now),
    },
    specialty: row.specialty,
    routedSpecialty: row.routed_specialty,
    urgency: row.urgency,
    question: row.question,
    state: row.state,
    requestedAt: new Date(row.requested_at).toISOString(),
    widenedAt: iso(row.widened_at),
    acceptedBy:
      row.accepted_by === null ? null : { username: row.accepted_by, name: row.specialist_name ?? row.accepted_by },
    mine: row.accepted_by === me,
  };
}

/** Whether a specialist may see a consult: it is routed to her specialty, or she took it. */
function visibleTo(router: ConsultRouter, specialist: SpecialistSummary, row: ConsultRow): boolean {
  if (row.accepted_by === specialist.username) return true;
  const audience = router.audience(routable(row));
  return audience.includes(specialist.specialty);
}

/**
 * A specialist's queue: consults waiting for her specialty (or widened to it) and the open
 * ones she took, most urgent first, then the longest waiting.
 */
export async function queueFor(
  db: Queryable,
  router: ConsultRouter,
  specialist: SpecialistSummary,
): Promise<QueueEntry[]> {
  const rows = await db.query<Row>(
    `SELECT ${ROW_COLUMNS} FROM hub_consults c
      WHERE (state = 'waiting' AND (specialty = $1 OR routed_specialty = $1))
         OR (accepted_by = $2 AND state IN ('accepted', 'calling', 'in_call'))`,
    [specialist.specialty, specialist.username],
  );
  const now = new Date();
  return rows
    .filter((row) => visibleTo(router, specialist, row))
    .sort(
      (a, b) =>
        URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
        new Date(a.requested_at).getTime() - new Date(b.requested_at).getTime(),
    )
    .map((row) => entryOf(row, specialist.username, now));
}

/** One consult with the patient's summary; null when the specialist may not see it. */
export async function consultDetail(
  db: Queryable,
  router: ConsultRouter,
  specialist: SpecialistSummary,
  consultId: string,
): Promise<ConsultDetail | null> {
  const [row] = await db.query<Row>(`SELECT ${ROW_COLUMNS} FROM hub_consults c WHERE consult_id = $1`, [consultId]);
  if (!row || !visibleTo(router, specialist, row)) return null;
  return {
    ...entryOf(row, specialist.username, new Date()),
    patientId: row.patient_id,
    summary: await patientSummary(db, row.patient_id, row.attachments),
    note: row.note,
    answeredAt: iso(row.answered_at),
  };
}
