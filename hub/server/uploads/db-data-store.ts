import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import type { HubDb } from '../db.js';
import type { UploadClaim } from './creation-rules.js';
import { OffsetConflict, appendChunk, finalizeUpload, readUpload } from './payload-store.js';

/**
 * Bytes held back before they are stored as one piece: large enough that a 64 MB payload is a
 * few hundred rows, small enough that a hub holds little in memory per upload.
 */
const PIECE_BYTES = 512 * 1024;

/**
 * A tus data store on the hub database: every byte and every offset lives in PostgreSQL (or
 * PGlite), so a hub process holds nothing another one would need to continue an upload.
 */
export class DbDataStore extends DataStore {
  /** Who is creating which upload: set by the route that authenticated the request. */
  private readonly claims = new WeakMap<Upload, UploadClaim>();

  constructor(private readonly db: HubDb) {
    super();
    this.extensions = ['creation'];
  }

  /** Records the verified station and metadata an upload about to be created belongs to. */
  claim(upload: Upload, claim: UploadClaim): void {
    this.claims.set(upload, claim);
  }

  override async create(upload: Upload): Promise<Upload> {
    const claim = this.claims.get(upload);
    // The route verifies every creation first; an unclaimed upload means a request got past it.
    if (!claim || upload.size === undefined) throw ERRORS.UNKNOWN_ERROR;
    const [row] = await this.db.query<{ created_at: Date }>(
      `INSERT INTO uploads (upload_id, station_id, size, sha256, media_type) VALUES ($1, $2, $3, $4, $5)
       RETURNING created_at`,
      [upload.id, claim.stationId, upload.size, claim.sha256, claim.mediaType],
    );
    upload.creation_date = row?.created_at.toISOString();
    return upload;
  }

  override async getUpload(id: string): Promise<Upload> {
    const row = await readUpload(this.db, id);
    if (!row) throw ERRORS.FILE_NOT_FOUND;
    return new Upload({
      id,
      size: row.size,
      offset: row.offset,
      metadata: { sha256: row.sha256, mediaType: row.mediaType },
      creation_date: row.createdAt.toISOString(),
    });
  }

  /**
   * Stores the request body from `offset` in pieces as it arrives. When the body stops early
   * (the link dropped), what did arrive is kept, so the station resumes after it instead of
   * sending it again.
   */
  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const held: Buffer[] = [];
    let heldBytes = 0;
    let at = offset;
    const store = async (): Promise<void> => {
      if (heldBytes === 0) return;
      const piece = Buffer.concat(held, heldBytes);
      held.length = 0;
      heldBytes = 0;
      at = await appendChunk(this.db, id, at, piece);
    };
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        held.push(chunk);
        heldBytes += chunk.length;
        if (heldBytes >= PIECE_BYTES) await store();
      }
      await store();
    } catch (error) {
      await store().catch(() => undefined);
      throw error instanceof OffsetConflict ? ERRORS.INVALID_OFFSET : error;
    }
    await finalizeUpload(this.db, id);
    return at;
  }
}
