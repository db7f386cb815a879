import type { Migration } from './migration.js';

/**
 * Consults. The request is a ServiceRequest record and the specialist's note a Communication
 * record (both synced on the consult lane); `consults` is the projection the screens read:
 * the state the hub last reported (accepted by whom, calling, answered) beside the request.
 * `consult_calls` is this station's history of each call: start, end and the quality steps
 * taken (no media is ever recorded).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'consults',
  sql: `
    INSERT INTO record_types (type) VALUES ('ServiceRequest'), ('Communication');

    CREATE TABLE consults (
      consult_id      TEXT PRIMARY KEY,
      patient_id      TEXT NOT NULL,
      visit_id        TEXT NOT NULL,
      specialty       TEXT NOT NULL,
      urgency         TEXT NOT NULL CHECK (urgency IN ('routine', 'urgent', 'emergency')),
      question        TEXT NOT NULL,
      state           TEXT NOT NULL CHECK (state IN ('waiting', 'accepted', 'calling', 'in_call', 'answered', 'cancelled')),
      requested_at    TEXT NOT NULL,
      widened_at      TEXT,
      specialist_name TEXT,
      accepted_at     TEXT,
      calling_at      TEXT,
      answered_at     TEXT,
      note_id         TEXT,
      note            TEXT CHECK (note IS NULL OR json_valid(note)),
      updated_at      TEXT NOT NULL
    ) STRICT;
    CREATE INDEX consults_by_patient ON consults (patient_id, requested_at);

    CREATE TABLE consult_calls (
      call_id    TEXT PRIMARY KEY,
      consult_id TEXT NOT NULL REFERENCES consults (consult_id),
      started_at TEXT NOT NULL,
      ended_at   TEXT,
      steps      TEXT NOT NULL CHECK (json_valid(steps))
    ) STRICT;
    CREATE INDEX consult_calls_by_consult ON consult_calls (consult_id, started_at);
  `,
};
