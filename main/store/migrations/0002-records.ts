import type { Migration } from './migration.js';

/**
 * The local health record. Every clinical fact is one immutable row per version in `records`
 * (FHIR-shaped JSON body); corrections add a version. The *_index tables are projections of
 * the current versions for search and charts. The outbox and the hash-chained audit log are
 * written in the same transaction as the record they describe.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'records',
  sql: `
    CREATE TABLE users (
      id           TEXT PRIMARY KEY,
      display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 64),
      role         TEXT NOT NULL CHECK (role IN ('doctor', 'admin')),
      pin_hash     TEXT NOT NULL,
      created_at   TEXT NOT NULL,
      disabled_at  TEXT
    ) STRICT;

    CREATE TABLE records (
      id               TEXT NOT NULL,
      version          INTEGER NOT NULL CHECK (version >= 1),
      type             TEXT NOT NULL CHECK (type IN ('Patient', 'Encounter', 'Observation', 'Condition', 'AllergyIntolerance', 'Consent')),
      patient_id       TEXT NOT NULL,
      encounter_id     TEXT,
      status           TEXT NOT NULL,
      body             TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 1048576),
      recorded_at      TEXT NOT NULL,
      recorded_by      TEXT NOT NULL REFERENCES users (id),
      station_id       TEXT NOT NULL,
      PRIMARY KEY (id, version)
    ) STRICT;
    CREATE INDEX records_by_patient ON records (patient_id, recorded_at);

    -- Clinical facts are never overwritten: the database itself refuses.
    CREATE TRIGGER records_no_update BEFORE UPDATE ON records
      BEGIN SELECT RAISE(ABORT, 'records are immutable; add a version'); END;
    CREATE TRIGGER records_no_delete BEFORE DELETE ON records
      BEGIN SELECT RAISE(ABORT, 'records are immutable; mark entered-in-error'); END;

    CREATE TABLE patient_index (
      patient_id     TEXT PRIMARY KEY,
      version        INTEGER NOT NULL,
      status         TEXT NOT NULL,
      name           TEXT NOT NULL,
      pinyin         TEXT NOT NULL,
      initials       TEXT NOT NULL,
      sex            TEXT NOT NULL,
      birth_date     TEXT NOT NULL,
      national_id    TEXT,
      phone          TEXT,
      village        TEXT,
      last_visit_at  TEXT,
      FOREIGN KEY (patient_id, version) REFERENCES records (id, version)
    ) STRICT;
    CREATE UNIQUE INDEX patient_index_national_id ON patient_index (national_id) WHERE national_id IS NOT NULL AND status = 'active';
    CREATE INDEX patient_index_initials ON patient_index (initials);
    CREATE INDEX patient_index_pinyin ON patient_index (pinyin);
    CREATE INDEX patient_index_name ON patient_index (name);
    CREATE INDEX patient_index_phone ON patient_index (phone);
    CREATE INDEX patient_index_birth ON patient_index (birth_date);

    -- Substring search over names, pinyin, ID numbers and phones (3+ characters).
    CREATE VIRTUAL TABLE patient_search USING fts5 (
      patient_id UNINDEXED, terms, tokenize = 'trigram'
    );

    CREATE TABLE outbox (
      seq            INTEGER PRIMARY KEY AUTOINCREMENT,
      lane           TEXT NOT NULL CHECK (lane IN ('emergency', 'consult', 'routine')),
      record_id      TEXT NOT NULL,
      record_version INTEGER NOT NULL,
      created_at     TEXT NOT NULL,
      UNIQUE (record_id, record_version),
      FOREIGN KEY (record_id, record_version) REFERENCES records (id, version)
    ) STRICT;
    CREATE INDEX outbox_by_lane ON outbox (lane, seq);

    CREATE TABLE audit_log (
      seq            INTEGER PRIMARY KEY AUTOINCREMENT,
      at             TEXT NOT NULL,
      user_id        TEXT NOT NULL,
      station_id     TEXT NOT NULL,
      action         TEXT NOT NULL,
      record_type    TEXT,
      record_id      TEXT,
      record_version INTEGER,
      body_sha256    TEXT,
      prev_hash      TEXT NOT NULL,
      hash           TEXT NOT NULL UNIQUE
    ) STRICT;
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  `,
};
