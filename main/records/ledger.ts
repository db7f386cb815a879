import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../store/prepared.js';
import { signalOutboxWrite } from '../sync/outbox-signal.js';

/** Who is writing, from which station: every write carries it into the audit log. */
export interface Actor {
  readonly userId: string;
  readonly stationId: string;
}

export type RecordType =
  | 'Patient'
  | 'Encounter'
  | 'Observation'
  | 'Condition'
  | 'AllergyIntolerance'
  | 'Consent'
  | 'Provenance'
  | 'ServiceRequest'
  | 'Communication'
  | 'Media';
export type Lane = 'emergency' | 'consult' | 'routine';

/** One new version of one clinical record. */
export interface RecordVersion {
  readonly id: string;
  readonly version: number;
  readonly type: RecordType;
  readonly patientId: string;
  readonly encounterId: string | null;
  readonly status: string;
  readonly body: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The fields an audit entry's hash covers, in a fixed order. */
export interface AuditFields {
  at: string;
  user_id: string;
  station_id: string;
  action: string;
  record_type: string | null;
  record_id: string | null;
  record_version: number | null;
  body_sha256: string | null;
  prev_hash: string;
}

/** The hash of one entry; it covers the previous entry's hash, so the entries form a chain. */
export function auditHash(fields: AuditFields): string {
  return sha256(
    JSON.stringify([
      fields.at,
      fields.user_id,
      fields.station_id,
      fields.action,
      fields.record_type,
      fields.record_id,
      fields.record_version,
      fields.body_sha256,
      fields.prev_hash,
    ]),
  );
}

function chainHead(db: Database.Database): string {
  const row = prepared<[], { hash: string }>(db, 'SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  return row?.hash ?? GENESIS_HASH;
}

/**
 * Appends one audit entry chained to the last one, and moves the recorded head so a truncated
 * tail is noticed. Must run inside the caller's transaction.
 */
export function appendAudit(
  db: Database.Database,
  actor: Actor,
  action: string,
  at: string,
  record?: { type: RecordType; id: string; version: number; bodySha256: string },
): void {
  const fields: AuditFields = {
    at,
    user_id: actor.userId,
    station_id: actor.stationId,
    action,
    record_type: record?.type ?? null,
    record_id: record?.id ?? null,
    record_version: record?.version ?? null,
    body_sha256: record?.bodySha256 ?? null,
    prev_hash: chainHead(db),
  };
  const hash = auditHash(fields);
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO audit_log (at, user_id, station_id, action, record_type, record_id, record_version, body_sha256, prev_hash, hash)
       VALUES (@at, @user_id, @station_id, @action, @record_type, @record_id, @record_version, @body_sha256, @prev_hash, @hash)`,
  ).run({ ...fields, hash });
  prepared(
    db,
    `INSERT INTO station_meta (key, value) VALUES ('audit_head', ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(`${String(lastInsertRowid)}:${hash}`);
}

/**
 * Writes one record version with its outbox entry and its audit entry. Must run inside the
 * caller's transaction, so the three commit together or not at all.
 */
export function appendRecord(
  db: Database.Database,
  actor: Actor,
  record: RecordVersion,
  action: string,
  at: string,
  lane: Lane = 'routine',
): void {
  if (!db.inTransaction) throw new Error('appendRecord must run inside a transaction');
  const body = JSON.stringify(record.body);
  prepared(
    db,
    `INSERT INTO records (id, version, type, patient_id, encounter_id, status, body, recorded_at, recorded_by, station_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    record.id,
    record.version,
    record.type,
    record.patientId,
    record.encounterId,
    record.status,
    body,
    at,
    actor.userId,
    actor.stationId,
  );
  prepared(db, 'INSERT INTO outbox (lane, record_id, record_version, created_at) VALUES (?, ?, ?, ?)').run(
    lane,
    record.id,
    record.version,
    at,
  );
  appendAudit(db, actor, action, at, {
    type: record.type,
    id: record.id,
    version: record.version,
    bodySha256: sha256(body),
  });
  signalOutboxWrite(db, lane);
}
