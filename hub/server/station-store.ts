import type { Queryable } from './db.js';

/**
 * Records that an enrolled station said hello: its app version and last contact. Enrollment
 * creates the row; a revoked or unknown station changes nothing and gets false. Times come
 * from the database so every hub process writes on one clock.
 */
export async function recordHello(db: Queryable, stationId: string, appVersion: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE stations SET app_version = $2, last_seen_at = now()
     WHERE station_id = $1 AND public_key IS NOT NULL AND revoked_at IS NULL RETURNING station_id`,
    [stationId, appVersion],
  );
  return rows.length > 0;
}

/**
 * Records that a connected station is still there; false when it has been revoked since it
 * connected. One statement on the primary key, so checking on every ping costs one lookup.
 */
export async function recordContact(db: Queryable, stationId: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE stations SET last_seen_at = now()
     WHERE station_id = $1 AND public_key IS NOT NULL AND revoked_at IS NULL RETURNING station_id`,
    [stationId],
  );
  return rows.length > 0;
}
