import type { HubMigration } from './migration.js';

/**
 * Enrollment, admin accounts and the sync store. Everything a request needs lives here, not
 * in a hub process's memory, so any number of hub processes can serve one station.
 *
 * - `enrollment_codes`: one-time codes an admin hands to a station (only their hash is kept).
 * - `stations` gains the Ed25519 public key bound at enrollment, a name and revocation.
 * - `request_nonces`: every signed request's nonce, so a replay is refused by any hub process.
 * - `hub_records`: every record version each station pushed, exactly once per (id, version).
 * - `station_outbound` + `stations.outbound_seq`: what a station must pull, numbered per
 *   station by a counter row that serialises writers, so numbers commit in order and a pull
 *   from a cursor never skips an item committed late.
 */
export const migration0002: HubMigration = {
  version: 2,
  name: 'sync',
  sql: `
    ALTER TABLE stations
      ADD COLUMN name         text,
      ADD COLUMN public_key   bytea,
      ADD COLUMN enrolled_at  timestamptz,
      ADD COLUMN revoked_at   timestamptz,
      ADD COLUMN outbound_seq bigint NOT NULL DEFAULT 0;

    CREATE TABLE admin_users (
      username      text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 64),
      password_hash text NOT NULL,
      created_at    timestamptz NOT NULL DEFAULT now(),
      disabled_at   timestamptz
    );

    CREATE TABLE admin_sessions (
      token_sha256 text PRIMARY KEY,
      username     text NOT NULL REFERENCES admin_users (username),
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL
    );

    CREATE TABLE enrollment_codes (
      code_sha256  text PRIMARY KEY,
      name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      created_by   text NOT NULL REFERENCES admin_users (username),
      created_at   timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      used_at      timestamptz,
      station_id   uuid REFERENCES stations (station_id)
    );

    CREATE TABLE request_nonces (
      station_id uuid NOT NULL,
      nonce      text NOT NULL,
      seen_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, nonce)
    );
    CREATE INDEX request_nonces_by_time ON request_nonces (seen_at);

    CREATE TABLE hub_records (
      record_id    uuid NOT NULL,
      version      integer NOT NULL CHECK (version >= 1),
      station_id   uuid NOT NULL REFERENCES stations (station_id),
      type         text NOT NULL,
      patient_id   uuid NOT NULL,
      encounter_id uuid,
      status       text NOT NULL,
      lane         text NOT NULL,
      body         jsonb NOT NULL,
      body_sha256  text NOT NULL,
      recorded_at  timestamptz NOT NULL,
      recorded_by  text NOT NULL,
      received_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (record_id, version)
    );
    CREATE INDEX hub_records_by_station ON hub_records (station_id, received_at);
    CREATE INDEX hub_records_by_patient ON hub_records (patient_id, recorded_at);

    CREATE TABLE station_outbound (
      station_id uuid NOT NULL REFERENCES stations (station_id),
      seq        bigint NOT NULL,
      kind       text NOT NULL,
      item_id    uuid NOT NULL,
      payload    jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (station_id, seq),
      UNIQUE (station_id, item_id)
    );
  `,
};
