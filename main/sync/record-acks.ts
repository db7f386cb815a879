import type Database from 'better-sqlite3';
import type { PushResult } from '../../contract/sync/wire.js';
import { prepared } from '../store/prepared.js';
import type { OutboxEntry } from './outbox-batch.js';

export interface AckSummary {
  acked: number;
  rejected: number;
  pending: number[];
}

/**
 * Records the hub's answers and takes answered entries out of the outbox, all in one
 * transaction: a crash leaves either both or neither, so an entry is never lost and never
 * acknowledged without leaving.
 */
export function recordAcks(
  db: Database.Database,
  entries: OutboxEntry[],
  results: PushResult[],
  at: string,
): AckSummary {
  if (results.length !== entries.length) throw new Error('the hub answered a different number of records');
  const summary: AckSummary = { acked: 0, rejected: 0, pending: [] };
  db.transaction(() => {
    const ack = prepared(
      db,
      `INSERT INTO sync_acks (record_id, record_version, outcome, acked_at) VALUES (?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    const reject = prepared(
      db,
      `INSERT INTO sync_rejections (record_id, record_version, lane, reason, detail, rejected_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO UPDATE SET reason = excluded.reason, detail = excluded.detail, rejected_at = excluded.rejected_at`,
    );
    const leave = prepared(db, 'DELETE FROM outbox WHERE seq = ?');
    results.forEach((result, i) => {
      const entry = entries[i];
      if (!entry) return;
      const { id, version, lane } = entry.record;
      if (result.outcome === 'pending') {
        summary.pending.push(entry.seq);
        return;
      }
      if (result.outcome === 'rejected') {
        reject.run(id, version, lane, result.reason, result.detail, at);
        summary.rejected++;
      } else {
        ack.run(id, version, result.outcome, at);
        summary.acked++;
      }
      leave.run(entry.seq);
    });
  }).immediate();
  return summary;
}
