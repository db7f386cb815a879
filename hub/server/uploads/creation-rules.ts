import type { IncomingHttpHeaders } from 'node:http';
import { Metadata } from '@tus/server';
import type { HubRefusal } from '../../../contract/sync/wire.js';
import type { Queryable } from '../db.js';

/** Largest payload one upload may carry (a 12-lead ECG is a few MB, a photo a few more). */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** Most bytes a station may have in unfinished uploads at once, so abandoned ones cannot fill the hub. */
export const MAX_OPEN_UPLOAD_BYTES_PER_STATION = 256 * 1024 * 1024;

/** The verified facts an upload is created with. */
export interface UploadClaim {
  stationId: string;
  sha256: string;
  mediaType: string;
}

export type CreationCheck = { ok: true; claim: UploadClaim } | { ok: false; refusal: HubRefusal; message: string };

const SHA256 = /^[0-9a-f]{64}$/;
/** type/subtype as RFC 6838 restricts their names; parameters are not accepted. */
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;
const LENGTH = /^[1-9][0-9]{0,15}$/;

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? undefined : value);

function parseMetadata(text: string | undefined): Record<string, string | null> | undefined {
  if (!text) return undefined;
  try {
    return Metadata.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Checks a tus creation request (POST) from a verified station: a declared length within
 * limits, no deferred length, no concatenation, no body, and metadata of exactly `sha256`
 * (lower-case hex of the whole payload) and `mediaType`.
 */
export async function checkCreation(
  db: Queryable,
  stationId: string,
  headers: IncomingHttpHeaders,
): Promise<CreationCheck> {
  const refuse = (refusal: HubRefusal, message: string): CreationCheck => ({ ok: false, refusal, message });
  if (headers['upload-defer-length'] !== undefined || headers['upload-concat'] !== undefined)
    return refuse('malformed', 'uploads must declare their length and cannot be concatenated');
  // tus would store a creation request's body as the first bytes, but that body is not signed.
  const withData = headers['content-type'] === 'application/offset+octet-stream';
  if (withData || (Number(single(headers['content-length'])) || 0) > 0)
    return refuse('malformed', 'an upload is created without a body; send its bytes with PATCH');
  const lengthText = single(headers['upload-length']) ?? '';
  if (!LENGTH.test(lengthText)) return refuse('malformed', 'Upload-Length must be a positive whole number');
  const size = Number(lengthText);
  if (size > MAX_UPLOAD_BYTES) return refuse('too_large', `an upload may hold at most ${MAX_UPLOAD_BYTES} bytes`);
  const metadata = parseMetadata(single(headers['upload-metadata']));
  const keys = metadata ? Object.keys(metadata).sort() : [];
  if (!metadata || keys.length !== 2 || keys[0] !== 'mediaType' || keys[1] !== 'sha256')
    return refuse('malformed', 'Upload-Metadata must carry exactly sha256 and mediaType');
  const { sha256, mediaType } = metadata;
  if (!sha256 || !SHA256.test(sha256)) return refuse('malformed', 'sha256 must be 64 lower-case hex digits');
  if (!mediaType || !MEDIA_TYPE.test(mediaType))
    return refuse('malformed', 'mediaType must be a media type such as image/jpeg');
  const [open] = await db.query<{ bytes: string | number }>(
    `SELECT coalesce(sum(size), 0) AS bytes FROM uploads WHERE station_id = $1 AND state = 'open'`,
    [stationId],
  );
  if (Number(open?.bytes ?? 0) + size > MAX_OPEN_UPLOAD_BYTES_PER_STATION)
    return refuse('too_large', 'this station has too many unfinished uploads; finish them first');
  return { ok: true, claim: { stationId, sha256, mediaType } };
}
