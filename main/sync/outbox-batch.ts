import type Database from 'better-sqlite3';
import type { Lane, PushRecord } from '../../contract/sync/wire.js';
import { prepared } from '../store/prepared.js';

/** Lanes in the order they drain. */
export const LANES: readonly Lane[] = ['emergency', 'consult', 'routine'];

/** One outbox entry ready to push, with the payload it refers to if any. */
export interface OutboxEntry {
  seq: number;
  record: PushRecord;
  payload: { sha256: string; size: number; mediaType: string } | null;
}

interface Row {
  seq: number;
  lane: Lane;
  id: string;
  version: number;
  type: string;
  patient_id: string;
  encounter_id: string | null;
  status: string;
  body: string;
  recorded_at: string;
  recorded_by: string;
  payload_sha256: string | null;
  payload_size: number | null;
  payload_media_type: string | null;
}

export interface BatchLimits {
  /** Most records in a batch. */
  maxRecords: number;
  /** Most body bytes (before compression) in a batch; one larger record still goes alone. */
  maxBytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { maxRecords: 1000, maxBytes: 2 * 1024 * 1024 };

/**
 * The next entries to push: emergency first, then consult, then routine, oldest first in each
 * lane, bounded by count and bytes. An emergency record never waits behind routine ones in
 * the same batch. `skip` holds entries set aside for now (their payload is still uploading).
 */
export function nextBatch(
  db: Database.Database,
  limits: BatchLimits,
  skip: ReadonlySet<number> = new Set(),
): OutboxEntry[] {
  const batch: OutboxEntry[] = [];
  let bytes = 0;
  for (const lane of LANES) {
    let after = 0;
    for (;;) {
      const rows = prepared<[Lane, number, number], Row>(
        db,
        `SELECT o.seq, o.lane, r.id, r.version, r.type, r.patient_id, r.encounter_id, r.status, r.body,
                r.recorded_at, r.recorded_by, p.sha256 AS payload_sha256, p.size AS payload_size,
                p.media_type AS payload_media_type
         FROM outbox o
         JOIN records r ON r.id = o.record_id AND r.version = o.record_version
         LEFT JOIN record_payloads p ON p.record_id = o.record_id AND p.record_version = o.record_version
         WHERE o.lane = ? AND o.seq > ? ORDER BY o.seq LIMIT ?`,
      ).all(lane, after, limits.maxRecords);
      if (rows.length === 0) break;
      for (const row of rows) {
        after = row.seq;
        if (skip.has(row.seq)) continue;
        if (batch.length >= limits.maxRecords || (batch.length > 0 && bytes + row.body.length > limits.maxBytes))
          return batch;
        bytes += row.body.length;
        batch.push(toEntry(row));
      }
      if (rows.length < limits.maxRecords) break;
    }
    // Emergency records travel on their own, so the hub has them after one small round trip.
    if (lane === 'emergency' && batch.length > 0) return batch;
  }
  return batch;
}

function toEntry(row: Row): OutboxEntry {
  return {
    seq: row.seq,
    record: {
      id: row.id,
      version: row.version,
      type: row.type,
      patientId: row.patient_id,
      encounterId: row.encounter_id,
      status: row.status,
      recordedAt: row.recorded_at,
      recordedBy: row.recorded_by,
      lane: row.lane,
      body: row.body,
    },
    payload:
      row.payload_sha256 !== null
        ? { sha256: row.payload_sha256, size: row.payload_size ?? 0, mediaType: row.payload_media_type ?? '' }
        : null,
  };
}

/** Records waiting per lane. */
export function waitingByLane(db: Database.Database): Record<Lane, number> {
  const counts: Record<Lane, number> = { emergency: 0, consult: 0, routine: 0 };
  const rows = prepared<[], { lane: Lane; n: number }>(
    db,
    'SELECT lane, count(*) AS n FROM outbox GROUP BY lane',
  ).all();
  for (const row of rows) counts[row.lane] = row.n;
  return counts;
}
