import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { HubDb, Queryable } from '../db.js';
import type { FieldIssue } from '../../../contract/errors.js';
import { applyDemographicEdit } from '../../../contract/records/demographics-edit.js';
import { DEMOGRAPHIC_FIELDS, DemographicChanges } from '../../../contract/records/demographics.js';
import type {
  DemographicChanges as Changes,
  DemographicField,
  DemographicValues,
  DemographicsPayload,
  FieldState,
} from '../../../contract/records/demographics.js';
import { HybridClock, writeStamp } from '../../../contract/sync/hlc.js';
import { enqueueOutbound } from '../sync/outbound.js';
import { lockDemographics, saveFields } from './demographics-rows.js';
import { mergePushedDemographics } from './merge-pushed-patient.js';

/** The node of clocks the hub stamps; hub processes are serialised per patient by row locks. */
export const HUB_NODE = 'hub';
/** The origin of a value the hub wrote. */
export const HUB_ORIGIN = 'hub';

export type HubEditRefusal = 'invalid_changes' | 'unknown_patient' | 'duplicate_national_id';

/** A hub-side edit refused; nothing was changed or queued. */
export class HubDemographicsError extends Error {
  constructor(
    readonly reason: HubEditRefusal,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(`demographics edit refused: ${reason}`);
    this.name = 'HubDemographicsError';
  }
}

export interface HubEditResult {
  readonly changed: readonly DemographicField[];
  /** The clock stamped on the changed fields; null when nothing changed. */
  readonly hlc: string | null;
  /** The owning station's pull sequence number of the queued item; null when nothing changed. */
  readonly seq: number | null;
}

const Editor = z.string().trim().min(1).max(64);

/**
 * A patient pushed before the hub merged demographics has versions in hub_records but no
 * rows here: its latest version is merged first, as if pushed now.
 */
async function takeInStoredPatient(tx: Queryable, patientId: string): Promise<boolean> {
  const [row] = await tx.query<{ station_id: string; body: unknown }>(
    `SELECT station_id, body FROM hub_records WHERE record_id = $1 AND type = 'Patient' ORDER BY version DESC LIMIT 1`,
    [patientId],
  );
  if (!row) return false;
  return (await mergePushedDemographics(tx, row.station_id, patientId, row.body)).outcome === 'merged';
}

const issuesOf = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((i) => ({
    path: ['changes', ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    code: i.code,
    message: i.message,
  }));

/**
 * An edit made at the hub (a console calls it): checked with the station's rules, stamped
 * with a hub clock later than everything the hub holds for the patient, merged into the
 * hub's view, and queued for the owning station as a `demographics` pull item, all in one
 * transaction. The item carries only the edited fields.
 */
export async function editDemographicsOnHub(
  db: HubDb,
  patientId: string,
  changes: Changes,
  editor: string,
  options: { acceptIdMismatch?: boolean; now?: () => number } = {},
): Promise<HubEditResult> {
  const parsed = DemographicChanges.safeParse(changes);
  if (!parsed.success) throw new HubDemographicsError('invalid_changes', issuesOf(parsed.error));
  const by = Editor.safeParse(editor);
  if (!by.success)
    throw new HubDemographicsError('invalid_changes', [{ path: ['editor'], code: 'invalid', message: 'editor' }]);
  if (!z.uuid().safeParse(patientId).success) throw new HubDemographicsError('unknown_patient');

  return db.transaction(async (tx) => {
    let { owner, state } = await lockDemographics(tx, patientId);
    if (owner === null && (await takeInStoredPatient(tx, patientId)))
      ({ owner, state } = await lockDemographics(tx, patientId));
    if (owner === null) throw new HubDemographicsError('unknown_patient');
    const current = state as Record<DemographicField, FieldState>;
    const before = Object.fromEntries(DEMOGRAPHIC_FIELDS.map((f) => [f, current[f].value])) as DemographicValues;
    const edit = applyDemographicEdit(before, parsed.data, options.acceptIdMismatch === true);
    if (!edit.ok) throw new HubDemographicsError('invalid_changes', edit.issues);
    const { after, changed } = edit;
    if (changed.length === 0) return { changed, hlc: null, seq: null };
    if (changed.includes('nationalId') && after.nationalId !== null) {
      const [holder] = await tx.query(
        `SELECT patient_id FROM patient_demographics WHERE field = 'nationalId' AND value = $1::jsonb AND patient_id <> $2 LIMIT 1`,
        [JSON.stringify(after.nationalId), patientId],
      );
      if (holder) throw new HubDemographicsError('duplicate_national_id');
    }

    // The hub keeps no clock of its own: the patient's stamps, locked above, are its memory.
    const clock = new HybridClock(HUB_NODE, null, options.now ?? Date.now);
    const hlc = writeStamp(
      clock,
      Object.values(current).map((s) => s.hlc),
      changed.map((f) => current[f].hlc),
    );
    const fields: DemographicsPayload['fields'] = {};
    for (const field of changed)
      fields[field] = { value: after[field], hlc, prev: current[field].hlc, origin: HUB_ORIGIN, by: by.data };
    await saveFields(tx, patientId, owner, fields, changed);
    const payload: DemographicsPayload = { patientId, fields };
    const seq = await enqueueOutbound(tx, owner, 'demographics', randomUUID(), payload);
    return { changed, hlc, seq };
  });
}
