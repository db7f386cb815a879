import type { ConsultNote, Specialty } from '../../../contract/consults/consult.js';
import type { ConsultRequestFacts } from '../../../contract/consults/consult-fhir.js';
import type { HubDb, Queryable } from '../db.js';
import type { HubBus } from './bus.js';
import { consultRefusal } from './consult-errors.js';
import { CONSULT_COLUMNS, findConsult, tellStation } from './consult-rows.js';
import type { ConsultRow } from './consult-rows.js';
import type { ConsoleCallReport } from './console-wire.js';
import { routable } from './routing.js';
import type { ConsultRouter } from './routing.js';
import { v7 as uuidv7 } from 'uuid';

const OPEN_STATES = ['accepted', 'calling', 'in_call'];

/**
 * What happens to consults: created from a pushed ServiceRequest, routed, accepted, called,
 * answered. Every change is one transaction that also queues the new state for the station;
 * the live messages (ring, queue, nudge) go out only after it commits.
 */
export class ConsultService {
  constructor(
    private readonly db: HubDb,
    private readonly bus: HubBus,
    readonly router: ConsultRouter,
  ) {}

  /** Inside a push's transaction: a consult ServiceRequest arrived. Returns what to announce after commit. */
  async fromPush(
    tx: Queryable,
    stationId: string,
    patientId: string,
    facts: ConsultRequestFacts,
  ): Promise<(() => Promise<void>) | null> {
    if (facts.status === 'revoked') {
      const [row] = await tx.query<ConsultRow>(
        `UPDATE hub_consults c SET state = 'cancelled' WHERE consult_id = $1 AND station_id = $2 AND state <> 'answered'
         RETURNING ${CONSULT_COLUMNS}`,
        [facts.consultId, stationId],
      );
      if (!row) return null;
      await tellStation(tx, row);
      return () => this.announce(row, false);
    }
    if (facts.status !== 'active') return null;
    const [row] = await tx.query<ConsultRow>(
      `INSERT INTO hub_consults AS c (consult_id, station_id, patient_id, visit_id, specialty, routed_specialty, urgency,
                                      question, attachments, requested_at, state)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8::uuid[], $9, 'waiting')
       ON CONFLICT (consult_id) DO NOTHING RETURNING ${CONSULT_COLUMNS}`,
      [
        facts.consultId,
        stationId,
        patientId,
        facts.visitId,
        facts.specialty,
        facts.urgency,
        facts.question,
        facts.attachments,
        facts.requestedAt,
      ],
    );
    if (!row) return null;
    await tellStation(tx, row);
    return () => this.announce(row, true);
  }

  /** Tells the consult's audience (and the station) that it changed; rings when it is new or widened. */
  private async announce(row: ConsultRow, ring: boolean): Promise<void> {
    this.bus.toStation(row.station_id, { t: 'nudge' });
    const audience = this.router.audience(routable(row));
    const users = await this.db.query<{ username: string; available: boolean }>(
      'SELECT username, available FROM specialists WHERE specialty = ANY($1::text[]) OR username = $2',
      [audience, row.accepted_by],
    );
    for (const user of users) {
      this.bus.toConsole(user.username, { t: 'queue' });
      this.bus.toConsole(user.username, { t: 'consult', consultId: row.consult_id });
      if (ring && user.available && row.state === 'waiting')
        this.bus.toConsole(user.username, { t: 'ring', consultId: row.consult_id, urgency: row.urgency });
    }
  }

  /** Runs one change in a transaction, tells the station, then announces it. */
  private async change(
    consultId: string,
    update: (tx: Queryable, row: ConsultRow) => Promise<ConsultRow>,
  ): Promise<ConsultRow> {
    const row = await this.db.transaction(async (tx) => {
      const [current] = await tx.query<ConsultRow>(
        `SELECT ${CONSULT_COLUMNS} FROM hub_consults c WHERE consult_id = $1 FOR UPDATE`,
        [consultId],
      );
      if (!current) throw consultRefusal.notFound();
      const changed = await update(tx, current);
      if (changed !== current) await tellStation(tx, changed);
      return changed;
    });
    await this.announce(row, false);
    return row;
  }

  private static async set(
    tx: Queryable,
    consultId: string,
    assignments: string,
    params: unknown[],
  ): Promise<ConsultRow> {
    const [row] = await tx.query<ConsultRow>(
      `UPDATE hub_consults c SET ${assignments} WHERE consult_id = $1 RETURNING ${CONSULT_COLUMNS}`,
      [consultId, ...params],
    );
    if (!row) throw consultRefusal.notFound();
    return row;
  }

  private static mine(row: ConsultRow, username: string): void {
    if (row.accepted_by !== username) throw consultRefusal.notYours();
    if (!OPEN_STATES.includes(row.state)) throw consultRefusal.wrongState(row.state);
  }

  accept(consultId: string, username: string, specialty: Specialty): Promise<ConsultRow> {
    return this.change(consultId, async (tx, row) => {
      if (row.accepted_by === username && OPEN_STATES.includes(row.state)) return row;
      if (row.accepted_by !== null) throw consultRefusal.taken();
      if (row.state !== 'waiting') throw consultRefusal.wrongState(row.state);
      if (!this.router.audience(routable(row)).includes(specialty)) throw consultRefusal.notFound();
      return ConsultService.set(tx, consultId, `state = 'accepted', accepted_by = $2, accepted_at = now()`, [username]);
    });
  }

  /** The specialist is ready: the station is asked to join. */
  call(consultId: string, username: string): Promise<ConsultRow> {
    return this.change(consultId, async (tx, row) => {
      ConsultService.mine(row, username);
      return ConsultService.set(tx, consultId, `state = 'calling', calling_at = now()`, []);
    });
  }

  report(consultId: string, username: string, report: ConsoleCallReport): Promise<ConsultRow> {
    return this.change(consultId, async (tx, row) => {
      ConsultService.mine(row, username);
      if (report.event === 'started') {
        await tx.query(
          `INSERT INTO hub_consult_calls (call_id, consult_id, username, started_at, steps)
           VALUES ($1, $2, $3, now(), jsonb_build_array(jsonb_build_object('at', now(), 'mode', $4::text)))
           ON CONFLICT (call_id) DO NOTHING`,
          [report.callId, consultId, username, report.mode],
        );
        return row.state === 'in_call' ? row : ConsultService.set(tx, consultId, `state = 'in_call'`, []);
      }
      const call = await tx.query('SELECT 1 FROM hub_consult_calls WHERE call_id = $1 AND consult_id = $2', [
        report.callId,
        consultId,
      ]);
      if (call.length === 0) throw consultRefusal.notFound();
      if (report.event === 'step') {
        await tx.query(
          `UPDATE hub_consult_calls SET steps = steps || jsonb_build_array(jsonb_build_object('at', now(), 'from', $2::text, 'to', $3::text, 'reason', $4::text))
           WHERE call_id = $1`,
          [report.callId, report.from, report.to, report.reason],
        );
        return row;
      }
      await tx.query('UPDATE hub_consult_calls SET ended_at = coalesce(ended_at, now()) WHERE call_id = $1', [
        report.callId,
      ]);
      return row.state === 'in_call' ? ConsultService.set(tx, consultId, `state = 'accepted'`, []) : row;
    });
  }

  answer(consultId: string, username: string, note: ConsultNote): Promise<ConsultRow> {
    return this.change(consultId, async (tx, row) => {
      ConsultService.mine(row, username);
      await tx.query('UPDATE hub_consult_calls SET ended_at = coalesce(ended_at, now()) WHERE consult_id = $1', [
        consultId,
      ]);
      return ConsultService.set(
        tx,
        consultId,
        `state = 'answered', answered_at = now(), note = $2::jsonb, note_id = $3`,
        [JSON.stringify(note), uuidv7()],
      );
    });
  }

  /** Widens every consult that has waited too long; run every second by each hub process. */
  async widenDue(now: Date): Promise<number> {
    const waiting = await this.db.query<ConsultRow>(
      `SELECT ${CONSULT_COLUMNS} FROM hub_consults c WHERE state = 'waiting' AND widened_at IS NULL AND specialty <> 'general'`,
    );
    let widened = 0;
    for (const candidate of waiting) {
      const to = this.router.widenTo(routable(candidate), now);
      if (to === null) continue;
      const row = await this.db.transaction(async (tx) => {
        // Guarded by state and widened_at, so two hub processes sweeping at once widen it once.
        const [updated] = await tx.query<ConsultRow>(
          `UPDATE hub_consults c SET routed_specialty = $2, widened_at = now()
           WHERE consult_id = $1 AND state = 'waiting' AND widened_at IS NULL RETURNING ${CONSULT_COLUMNS}`,
          [candidate.consult_id, to],
        );
        if (updated) await tellStation(tx, updated);
        return updated ?? null;
      });
      if (row) {
        widened++;
        await this.announce(row, true);
      }
    }
    return widened;
  }

  find(consultId: string): Promise<ConsultRow | null> {
    return findConsult(this.db, consultId);
  }
}
