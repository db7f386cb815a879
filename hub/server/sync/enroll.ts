import type { EnrollRequest } from '../../../contract/sync/wire.js';
import type { HubRefusal } from '../../../contract/sync/wire.js';
import type { HubDb } from '../db.js';
import { enrollmentCodeDigest } from './enrollment-code.js';

export type Enrolled = { ok: true; name: string } | { ok: false; refusal: HubRefusal; message: string };

interface CodeRow {
  name: string;
  used_at: Date | null;
  station_id: string | null;
  expired: boolean;
}

/**
 * Binds a station's public key to its id with a one-time code, in one transaction: the code
 * row is locked, so two hub processes given the same code at once enroll one station only.
 * Sending the same enrollment again (its answer was lost) succeeds again without a new code.
 */
export async function enrollStation(db: HubDb, request: EnrollRequest): Promise<Enrolled> {
  const publicKey = Buffer.from(request.publicKey, 'base64url');
  return db.transaction(async (tx) => {
    const [code] = await tx.query<CodeRow>(
      `SELECT name, used_at, station_id, expires_at < now() AS expired FROM enrollment_codes
       WHERE code_sha256 = $1 FOR UPDATE`,
      [enrollmentCodeDigest(request.code)],
    );
    const [station] = await tx.query<{ public_key: Buffer | null; revoked_at: Date | null }>(
      'SELECT public_key, revoked_at FROM stations WHERE station_id = $1 FOR UPDATE',
      [request.stationId],
    );
    const sameKey = station?.public_key ? Buffer.from(station.public_key).equals(publicKey) : false;
    if (code?.used_at && code.station_id === request.stationId && sameKey && !station?.revoked_at)
      return { ok: true, name: code.name };
    if (!code || code.used_at || code.expired)
      return {
        ok: false,
        refusal: 'enrollment_code_invalid',
        message: 'the enrollment code is unknown, used or expired',
      };
    if (station?.public_key && !station.revoked_at && !sameKey)
      return {
        ok: false,
        refusal: 'station_already_enrolled',
        message: 'this station id is enrolled with another key; revoke it first',
      };
    await tx.query(
      `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name, public_key, enrolled_at)
       VALUES ($1, $2, now(), now(), $3, $4, now())
       ON CONFLICT (station_id) DO UPDATE SET app_version = EXCLUDED.app_version, last_seen_at = now(),
         name = EXCLUDED.name, public_key = EXCLUDED.public_key, enrolled_at = now(), revoked_at = NULL`,
      [request.stationId, request.appVersion, code.name, publicKey],
    );
    await tx.query('UPDATE enrollment_codes SET used_at = now(), station_id = $2 WHERE code_sha256 = $1', [
      enrollmentCodeDigest(request.code),
      request.stationId,
    ]);
    return { ok: true, name: code.name };
  });
}
