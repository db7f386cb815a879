import { createHash, createPublicKey, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  EMPTY_SHA256,
  NONCE_PATTERN,
  SIGNATURE_WINDOW_MS,
  SIGNED_HEADERS,
  canonicalRequest,
} from '../../../contract/sync/signing.js';
import type { HubRefusal } from '../../../contract/sync/wire.js';
import type { Queryable } from '../db.js';

/** The raw 32-byte Ed25519 public key as a key object. */
export function publicKeyFromRaw(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

export interface RequestFacts {
  method: string;
  /** Path and query exactly as received. */
  url: string;
  headers: IncomingHttpHeaders;
  /** Body bytes as received (compressed, if so); null for none. */
  body: Buffer | null;
  /** Verified against UNSIGNED-PAYLOAD instead of the body's hash (tus PATCH). */
  bodySha256?: string;
  uploadOffset?: string;
}

export type Verified =
  { ok: true; stationId: string; time: string; nonce: string } | { ok: false; refusal: HubRefusal; message: string };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? undefined : value;
};

/** One request in this many prunes expired nonces. */
const NONCE_PRUNE_CHANCE = 1 / 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks the four signature headers' shape and the signature itself against a known key. */
export function checkSignature(facts: RequestFacts, publicKey: KeyObject, now: number = Date.now()): Verified {
  const stationId = header(facts.headers, SIGNED_HEADERS.station) ?? '';
  const time = header(facts.headers, SIGNED_HEADERS.time) ?? '';
  const nonce = header(facts.headers, SIGNED_HEADERS.nonce) ?? '';
  const signature = header(facts.headers, SIGNED_HEADERS.signature) ?? '';
  const at = Date.parse(time);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(time) || Number.isNaN(at))
    return { ok: false, refusal: 'malformed', message: 'x-cunyi-time is not an ISO 8601 UTC time' };
  if (Math.abs(now - at) > SIGNATURE_WINDOW_MS)
    return {
      ok: false,
      refusal: 'clock_skew',
      message: 'request time is outside the accepted window; check the station clock',
    };
  if (!NONCE_PATTERN.test(nonce)) return { ok: false, refusal: 'malformed', message: 'x-cunyi-nonce is malformed' };
  const bodySha256 =
    facts.bodySha256 ??
    (facts.body && facts.body.length > 0 ? createHash('sha256').update(facts.body).digest('hex') : EMPTY_SHA256);
  const text = canonicalRequest({
    method: facts.method,
    path: facts.url,
    time,
    nonce,
    bodySha256,
    ...(facts.uploadOffset !== undefined ? { uploadOffset: facts.uploadOffset } : {}),
  });
  const sig = Buffer.from(signature, 'base64url');
  if (sig.length !== 64 || !verify(null, Buffer.from(text, 'utf8'), publicKey, sig))
    return { ok: false, refusal: 'signature_invalid', message: 'the request signature does not verify' };
  return { ok: true, stationId, time, nonce };
}

interface StationKeyRow {
  public_key: Buffer | null;
  revoked_at: Date | null;
}

/**
 * Authenticates one request from an enrolled station: known station, not revoked, signature
 * valid within the clock window. The caller records the nonce with `claimNonce` once the
 * request has also proved readable, so a refused request changes nothing at all.
 */
export async function verifyStationRequest(db: Queryable, facts: RequestFacts): Promise<Verified> {
  const stationId = header(facts.headers, SIGNED_HEADERS.station);
  if (!stationId || !header(facts.headers, SIGNED_HEADERS.signature))
    return { ok: false, refusal: 'signature_missing', message: 'the request is not signed' };
  if (!UUID.test(stationId)) return { ok: false, refusal: 'malformed', message: 'x-cunyi-station is not a station id' };
  const [row] = await db.query<StationKeyRow>('SELECT public_key, revoked_at FROM stations WHERE station_id = $1', [
    stationId,
  ]);
  if (!row?.public_key) return { ok: false, refusal: 'station_unknown', message: 'this station is not enrolled' };
  if (row.revoked_at) return { ok: false, refusal: 'station_revoked', message: 'this station has been revoked' };
  const checked = checkSignature(facts, publicKeyFromRaw(Buffer.from(row.public_key)));
  if (!checked.ok) return checked;
  return { ...checked, stationId };
}

/** Deletes nonces older than twice the clock window: requests that old are refused by their time. */
export async function pruneExpiredNonces(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM request_nonces WHERE seen_at < now() - $1 * interval '1 millisecond'`, [
    2 * SIGNATURE_WINDOW_MS,
  ]);
}

/**
 * Records a verified request's nonce; false when it was seen before (a replay). One insert
 * against the shared database, so a replay sent to another hub process is caught as well.
 */
export async function claimNonce(db: Queryable, stationId: string, nonce: string): Promise<boolean> {
  // Nonces older than twice the clock window can never be replayed (their time is refused),
  // so now and then one request clears them out; no hub process has to schedule it.
  if (Math.random() < NONCE_PRUNE_CHANCE) await pruneExpiredNonces(db);
  const fresh = await db.query(
    'INSERT INTO request_nonces (station_id, nonce) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING nonce',
    [stationId, nonce],
  );
  return fresh.length > 0;
}
