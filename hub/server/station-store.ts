import type { Queryable } from './db.js';

/**
 * Records that a station said hello: first_seen_at is set once, the rest follows the station.
 * Times come from the database so every hub process writes on one clock.
 */
export async function recordHello(db: Queryable, stationId: string, appVersion: string): Promise<void> {
  await db.query(
    `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at)
     VALUES ($1, $2, now(), now())
     ON CONFLICT (station_id) DO UPDATE SET app_version = EXCLUDED.app_version, last_seen_at = now()`,
    [stationId, appVersion],
  );
}

/** Records that a station that said hello is still there. */
export async function recordContact(db: Queryable, stationId: string): Promise<void> {
  await db.query('UPDATE stations SET last_seen_at = now() WHERE station_id = $1', [stationId]);
}
