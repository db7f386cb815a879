import { createHash } from 'node:crypto';
import type { PayloadRef } from '../../../contract/sync/wire.js';
import type { HubDb, Queryable } from '../db.js';

/** Where an upload stands: still arriving, or decided once its last byte was stored. */
export type UploadState = 'open' | 'complete' | 'mismatch';

/** What the hub knows of one upload, without its bytes. */
export interface UploadRow {
  uploadId: string;
  stationId: string;
  size: number;
  offset: number;
  sha256: string;
  mediaType: string;
  state: UploadState;
  createdAt: Date;
}

interface RawUploadRow {
  upload_id: string;
  station_id: string;
  size: string | number;
  upload_offset: string | number;
  sha256: string;
  media_type: string;
  state: UploadState;
  created_at: Date;
}

/** Rows read per query while walking an upload's bytes: bounds memory for a large payload. */
const CHUNKS_PER_READ = 16;

/** Thrown when stored bytes would not continue the upload at its offset (another writer got there first). */
export class OffsetConflict extends Error {
  override readonly name = 'OffsetConflict';
}

/** One upload's row, or undefined when there is none. */
export async function readUpload(q: Queryable, uploadId: string): Promise<UploadRow | undefined> {
  const [row] = await q.query<RawUploadRow>(
    `SELECT upload_id, station_id, size, upload_offset, sha256, media_type, state, created_at
     FROM uploads WHERE upload_id = $1`,
    [uploadId],
  );
  if (!row) return undefined;
  return {
    uploadId: row.upload_id,
    stationId: row.station_id,
    // bigint columns arrive as text from pg and as numbers from PGlite.
    size: Number(row.size),
    offset: Number(row.upload_offset),
    sha256: row.sha256,
    mediaType: row.media_type,
    state: row.state,
    createdAt: row.created_at,
  };
}

/**
 * Stores `data` at `offset` and moves the upload's offset past it, in one transaction, only if
 * the upload is still open at exactly that offset: two writers can never interleave bytes.
 * Returns the new offset.
 */
export async function appendChunk(db: HubDb, uploadId: string, offset: number, data: Buffer): Promise<number> {
  return db.transaction(async (tx) => {
    const moved = await tx.query<{ upload_offset: string | number }>(
      `UPDATE uploads SET upload_offset = upload_offset + $3::bigint
       WHERE upload_id = $1 AND state = 'open' AND upload_offset = $2::bigint AND upload_offset + $3::bigint <= size
       RETURNING upload_offset`,
      [uploadId, offset, data.length],
    );
    const [row] = moved;
    if (!row) throw new OffsetConflict(`upload ${uploadId} is not open at offset ${offset}`);
    // As base64 text: PGlite turns a byte parameter into hex in JavaScript, several times slower.
    await tx.query(`INSERT INTO upload_chunks (upload_id, chunk_offset, data) VALUES ($1, $2, decode($3, 'base64'))`, [
      uploadId,
      offset,
      data.toString('base64'),
    ]);
    return Number(row.upload_offset);
  });
}

/** Calls `visit` with each stored piece in order; false when the pieces do not join up from 0. */
async function walkChunks(q: Queryable, uploadId: string, visit: (data: Buffer) => void): Promise<number | false> {
  let next = 0;
  for (;;) {
    const rows = await q.query<{ chunk_offset: string | number; data: string }>(
      `SELECT chunk_offset, encode(data, 'base64') AS data FROM upload_chunks
       WHERE upload_id = $1 AND chunk_offset >= $2::bigint ORDER BY chunk_offset LIMIT ${CHUNKS_PER_READ}`,
      [uploadId, next],
    );
    if (rows.length === 0) return next;
    for (const row of rows) {
      if (Number(row.chunk_offset) !== next) return false;
      // Node's decoder skips the line breaks encode() puts in.
      const data = Buffer.from(row.data, 'base64');
      visit(data);
      next += data.length;
    }
  }
}

/**
 * Decides a fully received upload once: `complete` when its stored bytes hash to the SHA-256
 * the station declared, `mismatch` otherwise. Safe to call again and from any hub process; an
 * upload still arriving stays `open`. Returns the state, undefined for no such upload.
 */
export async function finalizeUpload(q: Queryable, uploadId: string): Promise<UploadState | undefined> {
  const upload = await readUpload(q, uploadId);
  if (!upload || upload.state !== 'open' || upload.offset < upload.size) return upload?.state;
  const hash = createHash('sha256');
  const length = await walkChunks(q, uploadId, (data) => hash.update(data));
  const state: UploadState = length === upload.size && hash.digest('hex') === upload.sha256 ? 'complete' : 'mismatch';
  const [decided] = await q.query<{ state: UploadState }>(
    `UPDATE uploads SET state = $2, completed_at = now() WHERE upload_id = $1 AND state = 'open' RETURNING state`,
    [uploadId, state],
  );
  // Another process decided first: the same bytes give the same answer, but report what is stored.
  return decided?.state ?? (await readUpload(q, uploadId))?.state;
}

/**
 * Whether the payload a pushed record refers to is there: `complete` when that station's
 * upload holds all the declared bytes and they hash to the declared SHA-256, `incomplete`
 * while bytes are still to come, and `mismatch` when the upload does not exist for this
 * station, declares another hash or size, or its bytes did not match.
 */
export async function payloadStatus(
  db: Queryable,
  stationId: string,
  ref: PayloadRef,
): Promise<'complete' | 'incomplete' | 'mismatch'> {
  const upload = await readUpload(db, ref.uploadId);
  if (!upload || upload.stationId !== stationId || upload.sha256 !== ref.sha256 || upload.size !== ref.size)
    return 'mismatch';
  // A hub process that stopped between storing the last byte and checking it left it open.
  const state =
    upload.state === 'open' && upload.offset === upload.size ? await finalizeUpload(db, ref.uploadId) : upload.state;
  if (state === 'complete') return 'complete';
  return state === 'open' ? 'incomplete' : 'mismatch';
}

/** A complete payload as the hub holds it. */
export interface StoredPayload {
  uploadId: string;
  stationId: string;
  sha256: string;
  mediaType: string;
  size: number;
  data: Buffer;
}

/** The bytes of a complete upload, or null when there is no complete upload by that id. */
export async function readPayload(db: Queryable, uploadId: string): Promise<StoredPayload | null> {
  const upload = await readUpload(db, uploadId);
  if (!upload || upload.state !== 'complete') return null;
  const pieces: Buffer[] = [];
  const length = await walkChunks(db, uploadId, (data) => pieces.push(data));
  if (length !== upload.size) throw new Error(`upload ${uploadId} is marked complete but its stored bytes are not`);
  const { stationId, sha256, mediaType, size } = upload;
  return { uploadId, stationId, sha256, mediaType, size, data: Buffer.concat(pieces, size) };
}
