import type { Migration } from './migration.js';

/**
 * What the sync engine keeps beside the outbox. An outbox entry leaves in the same
 * transaction that records the hub's answer: in `sync_acks` when the hub holds the record,
 * in `sync_rejections` ("needs attention") when it refused it, so nothing vanishes and a
 * refused record never blocks its lane. `hub_inbox` holds what the station pulled, applied
 * in the transaction that moves the pull cursor (kept in station_meta). Large payloads (ECG
 * waveforms, photos) a record refers to sit in `record_payloads`; `payload_uploads` keeps a
 * tus upload's URL so an interrupted upload resumes after a restart.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'sync',
  sql: `
    CREATE TABLE sync_acks (
      record_id      TEXT NOT NULL,
      record_version INTEGER NOT NULL,
      outcome        TEXT NOT NULL CHECK (outcome IN ('applied', 'duplicate')),
      acked_at       TEXT NOT NULL,
      PRIMARY KEY (record_id, record_version),
      FOREIGN KEY (record_id, record_version) REFERENCES records (id, version)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE sync_rejections (
      record_id      TEXT NOT NULL,
      record_version INTEGER NOT NULL,
      lane           TEXT NOT NULL,
      reason         TEXT NOT NULL,
      detail         TEXT NOT NULL,
      rejected_at    TEXT NOT NULL,
      PRIMARY KEY (record_id, record_version),
      FOREIGN KEY (record_id, record_version) REFERENCES records (id, version)
    ) STRICT;

    CREATE TABLE hub_inbox (
      seq         INTEGER PRIMARY KEY,
      kind        TEXT NOT NULL,
      item_id     TEXT NOT NULL UNIQUE,
      payload     TEXT NOT NULL CHECK (json_valid(payload)),
      created_at  TEXT NOT NULL,
      received_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE record_payloads (
      record_id      TEXT NOT NULL,
      record_version INTEGER NOT NULL,
      sha256         TEXT NOT NULL,
      size           INTEGER NOT NULL CHECK (size > 0),
      media_type     TEXT NOT NULL,
      data           BLOB NOT NULL,
      PRIMARY KEY (record_id, record_version),
      FOREIGN KEY (record_id, record_version) REFERENCES records (id, version)
    ) STRICT;

    CREATE TABLE payload_uploads (
      sha256       TEXT PRIMARY KEY,
      upload_url   TEXT,
      completed_at TEXT
    ) STRICT;
  `,
};
