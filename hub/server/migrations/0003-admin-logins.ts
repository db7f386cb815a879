import type { HubMigration } from './migration.js';

/**
 * Failed admin sign-ins per username, so repeated guesses are slowed down by every hub process
 * alike. Keyed by the name as typed, not by `admin_users`: guesses at a name that does not
 * exist are slowed down the same way, so the delay does not reveal which names exist.
 */
export const migration0003: HubMigration = {
  version: 3,
  name: 'admin-logins',
  sql: `
    CREATE TABLE admin_login_failures (
      username       text PRIMARY KEY CHECK (length(username) BETWEEN 1 AND 64),
      failures       integer NOT NULL CHECK (failures >= 1),
      last_failed_at timestamptz NOT NULL
    );
  `,
};
