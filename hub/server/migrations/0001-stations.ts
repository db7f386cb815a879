import type { HubMigration } from './migration.js';

/** Stations the hub has seen. Enrollment (a later issue) adds keys and revocation. */
export const migration0001: HubMigration = {
  version: 1,
  name: 'stations',
  sql: `
    CREATE TABLE stations (
      station_id    uuid PRIMARY KEY,
      app_version   text NOT NULL,
      first_seen_at timestamptz NOT NULL,
      last_seen_at  timestamptz NOT NULL
    );
  `,
};
