import { createPublicKey, generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { EMPTY_SHA256, SIGNED_HEADERS, canonicalRequest } from '../../contract/sync/signing.js';
import type { Queryable } from '../../hub/server/db.js';

/**
 * A station for hub tests, signing with node:crypto and the contract alone (hub/ tests may
 * not import the station core's signer).
 */
export interface TestStation {
  stationId: string;
  privateKey: KeyObject;
  /** Raw 32-byte public key, url-safe base64, as enrollment stores it. */
  publicKeyText: string;
  /** Signed headers for one body-less request; a fresh nonce unless one is given. */
  sign(request?: { method?: string; path?: string; time?: string; nonce?: string }): Record<string, string>;
}

/** A station id with a fresh Ed25519 key (or the one given), not enrolled anywhere. */
export function newTestStation(
  stationId: string = randomUUID(),
  privateKey: KeyObject = generateKeyPairSync('ed25519').privateKey,
): TestStation {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return {
    stationId,
    privateKey,
    publicKeyText: String(jwk.x),
    sign: (request = {}) => signAs(stationId, privateKey, request),
  };
}

/** Headers that sign a body-less request as `stationId` with `privateKey` (which may be the wrong key). */
export function signAs(
  stationId: string,
  privateKey: KeyObject,
  request: { method?: string; path?: string; time?: string; nonce?: string } = {},
): Record<string, string> {
  const method = request.method ?? 'GET';
  const path = request.path ?? '/ws/station';
  const time = request.time ?? new Date().toISOString();
  const nonce = request.nonce ?? randomBytes(18).toString('base64url');
  const text = canonicalRequest({ method, path, time, nonce, bodySha256: EMPTY_SHA256 });
  return {
    [SIGNED_HEADERS.station]: stationId,
    [SIGNED_HEADERS.time]: time,
    [SIGNED_HEADERS.nonce]: nonce,
    [SIGNED_HEADERS.signature]: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64url'),
  };
}

/**
 * Enrolls a test station straight into a hub database, as a used enrollment code would: a
 * stations row holding its public key. Returns the station, able to sign.
 */
export async function enrollTestStation(
  db: Queryable,
  options: { station?: TestStation; appVersion?: string; name?: string } = {},
): Promise<TestStation> {
  const station = options.station ?? newTestStation();
  await db.query(
    `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name, public_key, enrolled_at)
     VALUES ($1, $2, now(), now(), $3, $4, now())`,
    [
      station.stationId,
      options.appVersion ?? '0.0.0',
      options.name ?? '测试卫生室',
      Buffer.from(station.publicKeyText, 'base64url'),
    ],
  );
  return station;
}

/** Revokes a station as a hub admin would. */
export async function revokeTestStation(db: Queryable, stationId: string): Promise<void> {
  await db.query('UPDATE stations SET revoked_at = now() WHERE station_id = $1', [stationId]);
}
