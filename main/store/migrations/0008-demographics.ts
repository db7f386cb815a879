import type { Migration } from './migration.js';

/**
 * Demographics merged per field by hybrid logical clock.
 *
 * - `patient_field_clocks`: each field's stamp in the patient's current version, a projection
 *   of the clocks the Patient record carries (a field without a row still has its
 *   registration stamp, derived from the patient id).
 * - `demographic_conflicts`: values that lost to a concurrent edit, kept for the doctor to
 *   review; append-only like the audit log.
 * - The `hub` user: the cloud hospital, which a merged Patient version names as its author
 *   (records.recorded_by must be a user). It is disabled and its PIN hash matches no PIN, so
 *   nobody can sign in as it and the sign-in list never shows it.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'demographics',
  sql: `
    CREATE TABLE patient_field_clocks (
      patient_id TEXT NOT NULL,
      field      TEXT NOT NULL CHECK (field IN ('name', 'sex', 'birthDate', 'nationalId', 'phone', 'village', 'address', 'insuranceNumber', 'emergencyContact')),
      hlc        TEXT NOT NULL,
      prev       TEXT,
      origin     TEXT NOT NULL,
      changed_by TEXT,
      PRIMARY KEY (patient_id, field)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE demographic_conflicts (
      id          INTEGER PRIMARY KEY,
      patient_id  TEXT NOT NULL,
      field       TEXT NOT NULL,
      kept_value  TEXT NOT NULL CHECK (json_valid(kept_value)),
      kept_hlc    TEXT NOT NULL,
      kept_origin TEXT NOT NULL,
      kept_by     TEXT,
      lost_value  TEXT NOT NULL CHECK (json_valid(lost_value)),
      lost_hlc    TEXT NOT NULL,
      lost_origin TEXT NOT NULL,
      lost_by     TEXT,
      noticed_at  TEXT NOT NULL,
      UNIQUE (patient_id, field, lost_hlc)
    ) STRICT;
    CREATE TRIGGER demographic_conflicts_no_update BEFORE UPDATE ON demographic_conflicts
      BEGIN SELECT RAISE(ABORT, 'the conflict log is append-only'); END;
    CREATE TRIGGER demographic_conflicts_no_delete BEFORE DELETE ON demographic_conflicts
      BEGIN SELECT RAISE(ABORT, 'the conflict log is append-only'); END;

    INSERT INTO users (id, display_name, role, pin_hash, created_at, disabled_at)
      VALUES ('00000000-0000-7000-8000-00000000c10d', '云医院', 'admin', '!no-pin', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z');
  `,
};
