import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DetailedError, Upload } from 'tus-js-client';
import type { PreviousUpload, UrlStorage } from 'tus-js-client';
import { UNSIGNED_PAYLOAD } from '../../contract/sync/signing.js';
import { HubRefusalBody, SYNC_PATHS } from '../../contract/sync/wire.js';
import { HubRefused, HubUnreachable } from './hub-http.js';
import type { RequestSigner } from './request-signer.js';

export interface PayloadUploadOptions {
  hubUrl: string;
  signer: RequestSigner;
  /** The station database; `payload_uploads` remembers each upload's URL across restarts. */
  db: Database.Database;
  /** Lower-case hex SHA-256 of `data`: the key the upload is resumed and deduplicated by. */
  sha256: string;
  mediaType: string;
  data: Buffer;
  /** Bytes per PATCH: what a dropped link can cost at most. */
  chunkSize?: number;
  /** Pauses before tus-js-client's own retries; the sync loop tries again later on failure. */
  retryDelays?: number[];
  /** Gives up when no byte has gone out for this long (a dead 4G link never errors by itself). */
  stallTimeoutMs?: number;
  signal?: AbortSignal;
}

/** The hub stored bytes that do not hash to the declared SHA-256; a fresh upload starts next time. */
export class PayloadMismatch extends Error {
  override readonly name = 'PayloadMismatch';
}

const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const DEFAULT_RETRY_DELAYS = [0, 1_000, 3_000];
const DEFAULT_STALL_MS = 60_000;
/** tus's checksum-mismatch status, which the hub answers the last PATCH with. */
const CHECKSUM_MISMATCH = 460;
const SHA256 = /^[0-9a-f]{64}$/;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,62}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,62}$/;

interface UploadRow {
  upload_url: string | null;
  completed_at: string | null;
}

/** The upload id the hub gave: the last path segment of the upload URL. */
export function uploadIdOf(uploadUrl: string): string {
  const id = new URL(uploadUrl).pathname.split('/').at(-1);
  if (!id) throw new Error('the upload URL has no upload id');
  return id;
}

/**
 * tus-js-client's URL storage on the station database, one row per payload SHA-256, so an
 * upload interrupted by a restart resumes at the hub's offset. Only URLs under `endpoint`
 * count: after a change of hub, an old URL would only fail.
 */
function sqliteUrlStorage(db: Database.Database, endpoint: string): UrlStorage {
  const unfinished =
    'SELECT sha256, upload_url FROM payload_uploads WHERE upload_url IS NOT NULL AND completed_at IS NULL';
  const find = (sha256: string | null): PreviousUpload[] =>
    (sha256 === null
      ? db.prepare<[], { sha256: string; upload_url: string }>(unfinished).all()
      : db.prepare<[string], { sha256: string; upload_url: string }>(`${unfinished} AND sha256 = ?`).all(sha256)
    )
      .filter((row) => row.upload_url.startsWith(endpoint))
      .map((row) => ({
        size: null,
        metadata: {},
        creationTime: '',
        urlStorageKey: row.sha256,
        uploadUrl: row.upload_url,
        parallelUploadUrls: null,
      }));
  return {
    findAllUploads: async () => find(null),
    findUploadsByFingerprint: async (fingerprint) => find(fingerprint),
    removeUpload: async (key) => {
      db.prepare('DELETE FROM payload_uploads WHERE sha256 = ? AND completed_at IS NULL').run(key);
    },
    addUpload: async (fingerprint, upload) => {
      db.prepare(
        `INSERT INTO payload_uploads (sha256, upload_url, completed_at) VALUES (?, ?, NULL)
         ON CONFLICT (sha256) DO UPDATE SET upload_url = excluded.upload_url, completed_at = NULL`,
      ).run(fingerprint, upload.uploadUrl);
      return fingerprint;
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Maps a failed tus exchange to the sync engine's errors: retry later, or refused. */
function uploadError(error: Error): Error {
  const response = error instanceof DetailedError ? error.originalResponse : null;
  if (!response) return new HubUnreachable(`payload upload failed: ${error.message}`, { cause: error });
  const status = response.getStatus();
  if (status === CHECKSUM_MISMATCH)
    return new PayloadMismatch('the hub received a payload that does not match its sha256');
  // 409 (offset moved) and 423 (locked) clear up by themselves.
  if (status >= 500 || status === 409 || status === 423)
    return new HubUnreachable(`the hub answered ${status} to a payload upload`, { cause: error });
  const refusal = HubRefusalBody.safeParse(parseJson(response.getBody()));
  if (refusal.success) return new HubRefused(status, refusal.data.error, refusal.data.message);
  const fallback = status === 413 ? 'too_large' : status === 404 ? 'not_found' : 'malformed';
  return new HubRefused(status, fallback, `the hub answered ${status} to a payload upload`);
}

/** Runs one tus upload to its end; resolves with the upload URL. */
function runUpload(options: PayloadUploadOptions, endpoint: string): Promise<string> {
  const { signer, db, sha256, mediaType, data, signal } = options;
  return new Promise((resolve, reject) => {
    let stall: NodeJS.Timeout | undefined;
    const stop = (error: Error): void => {
      clearTimeout(stall);
      signal?.removeEventListener('abort', onAbort);
      void upload.abort().catch(() => undefined);
      reject(error);
    };
    const armStall = (): void => {
      clearTimeout(stall);
      const ms = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
      stall = setTimeout(() => stop(new HubUnreachable(`payload upload made no progress for ${ms} ms`)), ms);
    };
    const onAbort = (): void => stop(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    const upload = new Upload(data, {
      endpoint,
      chunkSize: options.chunkSize ?? DEFAULT_CHUNK_BYTES,
      retryDelays: options.retryDelays ?? DEFAULT_RETRY_DELAYS,
      metadata: { sha256, mediaType },
      fingerprint: async () => sha256,
      urlStorage: sqliteUrlStorage(db, endpoint),
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: false,
      onBeforeRequest(req) {
        const url = new URL(req.getURL());
        const method = req.getMethod();
        const path = url.pathname + url.search;
        // tus-js-client does not hand the chunk over before sending it: the PATCH signs
        // UNSIGNED-PAYLOAD plus its offset, and the hub checks the whole payload's SHA-256.
        const headers =
          method === 'PATCH'
            ? signer({ method, path, bodySha256: UNSIGNED_PAYLOAD, uploadOffset: req.getHeader('Upload-Offset') ?? '' })
            : signer({ method, path });
        for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
      },
      onProgress: armStall,
      onSuccess() {
        clearTimeout(stall);
        signal?.removeEventListener('abort', onAbort);
        if (upload.url) resolve(upload.url);
        else reject(new HubUnreachable('the hub did not name the upload'));
      },
      onError: (error) => stop(uploadError(error)),
    });
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    armStall();
    // Resume the upload this payload started before, if the hub still has it.
    upload
      .findPreviousUploads()
      .then((previous) => {
        if (signal?.aborted) return;
        const [last] = previous;
        if (last) upload.resumeFromPreviousUpload(last);
        upload.start();
      })
      .catch((error: unknown) => stop(error instanceof Error ? error : new Error(String(error))));
  });
}

/** Refuses a payload whose declaration does not fit it, before anything is stored or sent. */
function checkInput({ sha256, mediaType, data }: PayloadUploadOptions): void {
  if (!SHA256.test(sha256)) throw new TypeError('sha256 must be 64 lower-case hex digits');
  if (!MEDIA_TYPE.test(mediaType)) throw new TypeError('mediaType must be a media type such as image/jpeg');
  if (data.length === 0) throw new TypeError('a payload has at least one byte');
  if (createHash('sha256').update(data).digest('hex') !== sha256)
    throw new TypeError('the payload does not match its sha256');
}

/**
 * Uploads a large payload (ECG waveform, photo) to the hub with tus, signing every request.
 * Resumes an upload of the same SHA-256 that was cut off, even across a restart, from the
 * hub's offset; returns at once when that payload was already uploaded. Failures come as
 * HubUnreachable (try again later), HubRefused or PayloadMismatch.
 */
export async function uploadPayload(options: PayloadUploadOptions): Promise<{ uploadId: string }> {
  checkInput(options);
  const { db, sha256 } = options;
  const done = db
    .prepare<[string], UploadRow>('SELECT upload_url, completed_at FROM payload_uploads WHERE sha256 = ?')
    .get(sha256);
  if (done?.completed_at && done.upload_url) return { uploadId: uploadIdOf(done.upload_url) };
  const endpoint = new URL(SYNC_PATHS.uploads, options.hubUrl).href;
  const uploadUrl = await runUpload(options, endpoint);
  db.prepare(
    `INSERT INTO payload_uploads (sha256, upload_url, completed_at) VALUES (?, ?, ?)
     ON CONFLICT (sha256) DO UPDATE SET upload_url = excluded.upload_url, completed_at = excluded.completed_at`,
  ).run(sha256, uploadUrl, new Date().toISOString());
  return { uploadId: uploadIdOf(uploadUrl) };
}
