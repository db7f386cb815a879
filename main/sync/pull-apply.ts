import type Database from 'better-sqlite3';
import type { PullItem } from '../../contract/sync/wire.js';
import { prepared } from '../store/prepared.js';

/** Applies one pulled item of a kind inside the pull's transaction; throws to set it aside. */
export type PullApplier = (db: Database.Database, payload: unknown) => void;

const CURSOR_KEY = 'sync_pull_cursor';

/** Where the next pull starts: the last hub sequence number applied. */
export function pullCursor(db: Database.Database): number {
  const row = prepared<[], { value: string }>(db, `SELECT value FROM station_meta WHERE key = '${CURSOR_KEY}'`).get();
  return row ? Number(row.value) : 0;
}

export interface PullApplied {
  applied: number;
  /** Items kept in the inbox that their applier refused (logged without patient data). */
  failed: Array<{ seq: number; kind: string; error: string }>;
}

/**
 * Stores and applies pulled items and moves the cursor, all in one transaction, so a crash
 * leaves the station either before these items (it pulls them again) or after them.
 */
export function applyPulled(
  db: Database.Database,
  items: PullItem[],
  cursor: number,
  appliers: Partial<Record<PullItem['kind'], PullApplier>>,
  at: string,
): PullApplied {
  const outcome: PullApplied = { applied: 0, failed: [] };
  db.transaction(() => {
    const store = prepared(
      db,
      `INSERT INTO hub_inbox (seq, kind, item_id, payload, created_at, received_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT DO NOTHING`,
    );
    for (const item of items) {
      const { changes } = store.run(
        item.seq,
        item.kind,
        item.itemId,
        JSON.stringify(item.payload ?? null),
        item.createdAt,
        at,
      );
      if (changes === 0) continue;
      const apply = appliers[item.kind];
      if (!apply) continue;
      try {
        // A savepoint: an item its applier refuses undoes only its own writes.
        db.transaction(() => apply(db, item.payload))();
        outcome.applied++;
      } catch (error) {
        outcome.failed.push({ seq: item.seq, kind: item.kind, error: error instanceof Error ? error.name : 'Error' });
      }
    }
    prepared(
      db,
      `INSERT INTO station_meta (key, value) VALUES ('${CURSOR_KEY}', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ).run(String(cursor));
  }).immediate();
  return outcome;
}
