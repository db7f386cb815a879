import type { Queryable } from '../db.js';
import type { StationSummary } from './admin-wire.js';

const iso = (value: Date | string): string => new Date(value).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/** Every station the hub knows, enrolled ones first, with how many record versions it has pushed. */
export async function listStations(db: Queryable): Promise<StationSummary[]> {
  const rows = await db.query<{
    station_id: string;
    name: string | null;
    enrolled_at: Date | null;
    revoked_at: Date | null;
    last_seen_at: Date;
    app_version: string;
    record_count: number;
  }>(
    `SELECT s.station_id, s.name, s.enrolled_at, s.revoked_at, s.last_seen_at, s.app_version,
            coalesce(r.n, 0)::int AS record_count
       FROM stations s
       LEFT JOIN (SELECT station_id, count(*) AS n FROM hub_records GROUP BY station_id) r
         ON r.station_id = s.station_id
      ORDER BY s.enrolled_at DESC NULLS LAST, s.last_seen_at DESC
      LIMIT 5000`,
  );
  return rows.map((row) => ({
    stationId: row.station_id,
    name: row.name,
    enrolledAt: isoOrNull(row.enrolled_at),
    revokedAt: isoOrNull(row.revoked_at),
    lastSeenAt: iso(row.last_seen_at),
    appVersion: row.app_version,
    recordCount: row.record_count,
  }));
}

/**
 * Revokes a station: from now on every hub process refuses its requests. Revoking again keeps
 * the first time. Null when no such station exists.
 */
export async function revokeStation(db: Queryable, stationId: string): Promise<{ revokedAt: string } | null> {
  const [row] = await db.query<{ revoked_at: Date }>(
    'UPDATE stations SET revoked_at = coalesce(revoked_at, now()) WHERE station_id = $1 RETURNING revoked_at',
    [stationId],
  );
  return row ? { revokedAt: iso(row.revoked_at) } : null;
}
