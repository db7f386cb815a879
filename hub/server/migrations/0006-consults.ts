import type { HubMigration } from './migration.js';

/**
 * Video consults.
 *
 * - `admin_users.is_admin`: console users are admins, specialists or both; every user made
 *   before this migration is an admin.
 * - `specialists`: a console user who answers consults, with her specialty and whether she is
 *   available (routing rings only available specialists).
 * - `hub_consults`: one row per consult request (the station's ServiceRequest id), its routing
 *   and state; written from the pushed record, then by the specialist's actions.
 * - `hub_consult_calls`: each call of a consult as the specialist's console reported it
 *   (start, end, quality steps); no media is ever kept.
 */
export const migration0006: HubMigration = {
  version: 6,
  name: 'consults',
  sql: `
    ALTER TABLE admin_users ADD COLUMN is_admin boolean NOT NULL DEFAULT true;

    CREATE TABLE specialists (
      username        text PRIMARY KEY REFERENCES admin_users (username),
      display_name    text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
      specialty       text NOT NULL,
      available       boolean NOT NULL DEFAULT false,
      availability_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE hub_consults (
      consult_id       uuid PRIMARY KEY,
      station_id       uuid NOT NULL REFERENCES stations (station_id),
      patient_id       uuid NOT NULL,
      visit_id         uuid NOT NULL,
      specialty        text NOT NULL,
      routed_specialty text NOT NULL,
      urgency          text NOT NULL CHECK (urgency IN ('routine', 'urgent', 'emergency')),
      question         text NOT NULL,
      attachments      uuid[] NOT NULL,
      requested_at     timestamptz NOT NULL,
      received_at      timestamptz NOT NULL DEFAULT now(),
      state            text NOT NULL CHECK (state IN ('waiting', 'accepted', 'calling', 'in_call', 'answered', 'cancelled')),
      widened_at       timestamptz,
      accepted_by      text REFERENCES specialists (username),
      accepted_at      timestamptz,
      calling_at       timestamptz,
      answered_at      timestamptz,
      note             jsonb,
      note_id          uuid
    );
    CREATE INDEX hub_consults_open ON hub_consults (routed_specialty, state) WHERE state <> 'answered' AND state <> 'cancelled';

    CREATE TABLE hub_consult_calls (
      call_id     uuid PRIMARY KEY,
      consult_id  uuid NOT NULL REFERENCES hub_consults (consult_id),
      username    text NOT NULL REFERENCES specialists (username),
      started_at  timestamptz NOT NULL,
      ended_at    timestamptz,
      steps       jsonb NOT NULL DEFAULT '[]'::jsonb
    );
  `,
};
