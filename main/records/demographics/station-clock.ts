import type Database from 'better-sqlite3';
import { decodeHlc, encodeHlc, HybridClock } from '../../../contract/sync/hlc.js';
import { prepared } from '../../store/prepared.js';

const KEY = 'hlc';

/**
 * Runs `fn` with the station's hybrid logical clock and saves where the clock got to, all in
 * the caller's transaction: the clock lives in station_meta, never only in memory, so it
 * never runs backwards across restarts or between two writers.
 */
export function withStationClock<T>(
  db: Database.Database,
  stationId: string,
  fn: (clock: HybridClock) => T,
  physical: () => number = Date.now,
): T {
  if (!db.inTransaction) throw new Error('the station clock must be read and saved inside a transaction');
  const row = prepared<[string], { value: string }>(db, 'SELECT value FROM station_meta WHERE key = ?').get(KEY);
  const clock = new HybridClock(stationId, row ? decodeHlc(row.value) : null, physical);
  const result = fn(clock);
  if (clock.last !== null)
    prepared(
      db,
      'INSERT INTO station_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(KEY, encodeHlc(clock.last));
  return result;
}
