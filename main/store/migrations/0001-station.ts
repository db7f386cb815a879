import type { Migration } from './migration.js';

/** The station's identity and facts about its links. */
export const migration0001: Migration = {
  version: 1,
  name: 'station',
  sql: `
    CREATE TABLE station_meta (
      key   TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 64),
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE hub_contact (
      id              INTEGER PRIMARY KEY CHECK (id = 1),
      hub_url         TEXT NOT NULL,
      last_contact_at TEXT NOT NULL
    ) STRICT;
  `,
};
