import type { Migration } from './migration.js';

/**
 * Device readings: record types move from a CHECK list to a table (new resource types are
 * one INSERT, not a table rebuild), Provenance joins them, and ECG strips keep their raw
 * samples compactly beside the FHIR Observation. Rebuilding `records` follows SQLite's
 * documented procedure (foreign keys off, copy, drop, rename, foreign_key_check).
 */
export const migration0005: Migration = {
  version: 5,
  name: 'devices',
  rebuildsTables: true,
  sql: `
    CREATE TABLE record_types (type TEXT PRIMARY KEY) STRICT, WITHOUT ROWID;
    INSERT INTO record_types (type) VALUES
      ('Patient'), ('Encounter'), ('Observation'), ('Condition'), ('AllergyIntolerance'), ('Consent'),
      ('Provenance');

    CREATE TABLE records_new (
      id               TEXT NOT NULL,
      version          INTEGER NOT NULL CHECK (version >= 1),
      type             TEXT NOT NULL REFERENCES record_types (type),
      patient_id       TEXT NOT NULL,
      encounter_id     TEXT,
      status           TEXT NOT NULL,
      body             TEXT NOT NULL CHECK (json_valid(body) AND length(body) <= 1048576),
      recorded_at      TEXT NOT NULL,
      recorded_by      TEXT NOT NULL REFERENCES users (id),
      station_id       TEXT NOT NULL,
      PRIMARY KEY (id, version)
    ) STRICT;
    INSERT INTO records_new (id, version, type, patient_id, encounter_id, status, body, recorded_at, recorded_by, station_id)
      SELECT id, version, type, patient_id, encounter_id, status, body, recorded_at, recorded_by, station_id FROM records;
    DROP TABLE records;
    ALTER TABLE records_new RENAME TO records;
    CREATE INDEX records_by_patient ON records (patient_id, recorded_at);
    CREATE TRIGGER records_no_update BEFORE UPDATE ON records
      BEGIN SELECT RAISE(ABORT, 'records are immutable; add a version'); END;
    CREATE TRIGGER records_no_delete BEFORE DELETE ON records
      BEGIN SELECT RAISE(ABORT, 'records are immutable; mark entered-in-error'); END;

    -- The samples of a waveform Observation (an ECG strip) as recorded: little-endian int32
    -- counts per lead, interleaved, times scale_uv; lost samples are marked in gaps (JSON
    -- [[start, count], ...]) and hold no invented values.
    CREATE TABLE waveform_samples (
      observation_id TEXT NOT NULL,
      version        INTEGER NOT NULL,
      sample_rate    REAL NOT NULL CHECK (sample_rate > 0),
      leads          TEXT NOT NULL CHECK (json_valid(leads)),
      scale_uv       REAL NOT NULL CHECK (scale_uv > 0),
      sample_count   INTEGER NOT NULL CHECK (sample_count >= 0),
      gaps           TEXT NOT NULL CHECK (json_valid(gaps)),
      data           BLOB NOT NULL,
      PRIMARY KEY (observation_id, version),
      FOREIGN KEY (observation_id, version) REFERENCES records (id, version)
    ) STRICT;
    CREATE TRIGGER waveform_samples_no_update BEFORE UPDATE ON waveform_samples
      BEGIN SELECT RAISE(ABORT, 'waveform samples are immutable'); END;
    CREATE TRIGGER waveform_samples_no_delete BEFORE DELETE ON waveform_samples
      BEGIN SELECT RAISE(ABORT, 'waveform samples are immutable'); END;
  `,
};
