import type { HubMigration } from './migration.js';

/**
 * Resumable payload uploads (tus), kept in the database rather than on one hub's disk, so any
 * hub process can continue an upload another one started.
 *
 * - `uploads`: one per tus upload, owned by the station that created it. `upload_offset` only
 *   moves forward, in the transaction that stores the bytes it covers. `state` is decided once
 *   the last byte is stored: `complete` when the bytes hash to `sha256`, else `mismatch`.
 * - `upload_chunks`: the bytes, in pieces keyed by where they start.
 * - `upload_locks`: tus's per-upload lock, shared by every hub process. A holder renews
 *   `expires_at` while it works, so a crashed process's lock lapses; a waiter sets
 *   `release_requested` to ask the holder to finish up (its client may be gone).
 */
export const migration0004: HubMigration = {
  version: 4,
  name: 'uploads',
  sql: `
    CREATE TABLE uploads (
      upload_id     text PRIMARY KEY CHECK (upload_id ~ '^[A-Za-z0-9_-]{8,128}$'),
      station_id    uuid NOT NULL REFERENCES stations (station_id),
      size          bigint NOT NULL CHECK (size > 0),
      upload_offset bigint NOT NULL DEFAULT 0,
      sha256        text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      media_type    text NOT NULL CHECK (length(media_type) BETWEEN 3 AND 127),
      state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'complete', 'mismatch')),
      created_at    timestamptz NOT NULL DEFAULT now(),
      completed_at  timestamptz,
      CHECK (upload_offset BETWEEN 0 AND size)
    );
    CREATE INDEX uploads_open_by_station ON uploads (station_id) WHERE state = 'open';

    CREATE TABLE upload_chunks (
      upload_id    text NOT NULL REFERENCES uploads (upload_id) ON DELETE CASCADE,
      chunk_offset bigint NOT NULL CHECK (chunk_offset >= 0),
      data         bytea NOT NULL CHECK (length(data) > 0),
      PRIMARY KEY (upload_id, chunk_offset)
    );

    CREATE TABLE upload_locks (
      upload_id         text PRIMARY KEY,
      holder            text NOT NULL,
      expires_at        timestamptz NOT NULL,
      release_requested boolean NOT NULL DEFAULT false
    );
  `,
};
