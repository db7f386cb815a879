import type { Migration } from './migration.js';

/**
 * Projections of the current versions of visits, readings and diagnoses, for the patient page,
 * the charts and the follow-up list. The records table stays the truth: each projection row
 * points at the record version it shows and is rewritten in the transaction that adds it.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'visits',
  sql: `
    CREATE TABLE encounter_index (
      encounter_id  TEXT PRIMARY KEY,
      version       INTEGER NOT NULL,
      patient_id    TEXT NOT NULL REFERENCES patient_index (patient_id),
      status        TEXT NOT NULL CHECK (status IN ('in-progress', 'finished', 'entered-in-error')),
      reason        TEXT NOT NULL,
      started_at    TEXT NOT NULL,
      ended_at      TEXT,
      FOREIGN KEY (encounter_id, version) REFERENCES records (id, version)
    ) STRICT;
    CREATE INDEX encounter_by_patient ON encounter_index (patient_id, started_at);
    -- One open visit per patient at a time.
    CREATE UNIQUE INDEX encounter_one_open ON encounter_index (patient_id) WHERE status = 'in-progress';

    CREATE TABLE observation_index (
      observation_id  TEXT PRIMARY KEY,
      version         INTEGER NOT NULL,
      patient_id      TEXT NOT NULL REFERENCES patient_index (patient_id),
      encounter_id    TEXT,
      kind            TEXT NOT NULL,
      status          TEXT NOT NULL CHECK (status IN ('final', 'amended', 'entered-in-error')),
      value           REAL NOT NULL,
      value2          REAL,
      unit            TEXT NOT NULL,
      effective_at    TEXT NOT NULL,
      FOREIGN KEY (observation_id, version) REFERENCES records (id, version)
    ) STRICT;
    CREATE INDEX observation_by_patient ON observation_index (patient_id, kind, effective_at);
    CREATE INDEX observation_by_encounter ON observation_index (encounter_id);

    CREATE TABLE condition_index (
      condition_id  TEXT PRIMARY KEY,
      version       INTEGER NOT NULL,
      patient_id    TEXT NOT NULL REFERENCES patient_index (patient_id),
      encounter_id  TEXT,
      category      TEXT NOT NULL CHECK (category IN ('problem-list-item', 'encounter-diagnosis')),
      code          TEXT,
      status        TEXT NOT NULL CHECK (status IN ('active', 'entered-in-error')),
      recorded_at   TEXT NOT NULL,
      FOREIGN KEY (condition_id, version) REFERENCES records (id, version)
    ) STRICT;
    CREATE INDEX condition_by_patient ON condition_index (patient_id, category);
    CREATE INDEX condition_by_code ON condition_index (code, category, status);
    CREATE INDEX condition_by_encounter ON condition_index (encounter_id);
  `,
};
