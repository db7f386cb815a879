import type { HubMigration } from './migration.js';

/**
 * Patient demographics merged per field by hybrid logical clock.
 *
 * - `patient_demographics`: the hub's merged view, one row per patient and field, with the
 *   value (JSON; JSON null for a cleared field), its clock, the clock of the value it
 *   replaced, where and by whom it was written, and the station that owns the patient (the
 *   one that registered it and receives the hub's edits). Every field of a patient is
 *   inserted together, on the first Patient version pushed.
 * - `demographic_conflicts`: values that lost to a concurrent edit, once per losing write.
 */
export const migration0005: HubMigration = {
  version: 5,
  name: 'demographics',
  sql: `
    CREATE TABLE patient_demographics (
      patient_id uuid NOT NULL,
      field      text NOT NULL CHECK (field IN ('name', 'sex', 'birthDate', 'nationalId', 'phone', 'village', 'address', 'insuranceNumber', 'emergencyContact')),
      value      jsonb NOT NULL,
      hlc        text NOT NULL,
      prev       text,
      origin     text NOT NULL,
      changed_by text,
      station_id uuid NOT NULL REFERENCES stations (station_id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (patient_id, field)
    );
    CREATE INDEX patient_demographics_national_id ON patient_demographics (value) WHERE field = 'nationalId';

    CREATE TABLE demographic_conflicts (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      patient_id  uuid NOT NULL,
      station_id  uuid NOT NULL REFERENCES stations (station_id),
      field       text NOT NULL,
      kept_value  jsonb NOT NULL,
      kept_hlc    text NOT NULL,
      kept_origin text NOT NULL,
      kept_by     text,
      lost_value  jsonb NOT NULL,
      lost_hlc    text NOT NULL,
      lost_origin text NOT NULL,
      lost_by     text,
      noticed_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (patient_id, field, lost_hlc)
    );
  `,
};
