import type { HubDb, Queryable } from './db.js';
import { checksumOf, hubMigrations } from './migrations/index.js';
import type { HubMigration } from './migrations/index.js';
import { assertPrefix } from './schema-check.js';
import type { AppliedMigration } from './schema-check.js';

export { HubSchemaError } from './schema-check.js';

/** Arbitrary constant naming the migration lock among PostgreSQL advisory locks ("CYNH"). */
const MIGRATION_LOCK = 0x43594e48;

const CREATE_LEDGER = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    integer PRIMARY KEY,
    name       text NOT NULL,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/** Checks what is applied and applies the next pending migration; false when none was pending. */
async function applyNext(tx: Queryable, migrations: readonly HubMigration[]): Promise<boolean> {
  // Held to the end of this transaction: a second hub process waits here, then re-reads the
  // ledger and finds the migration applied instead of applying it again.
  await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
  await tx.exec(CREATE_LEDGER);
  const applied = await tx.query<AppliedMigration>(
    'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
  );
  assertPrefix(applied, migrations);
  const next = migrations[applied.length];
  if (!next) return false;
  await tx.exec(next.sql);
  await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
    next.version,
    next.name,
    checksumOf(next),
  ]);
  return true;
}

/**
 * Applies pending migrations, each in its own transaction, and returns the schema version.
 * Refuses (HubSchemaError, nothing changed) a database whose applied list is not a prefix of
 * `migrations`, including one written by a newer hub.
 */
export async function migrate(db: HubDb, migrations: readonly HubMigration[] = hubMigrations): Promise<number> {
  let pending = true;
  while (pending) pending = await db.transaction((tx) => applyNext(tx, migrations));
  return migrations.at(-1)?.version ?? 0;
}

/** The version of the newest applied migration, 0 when none is. */
export async function readSchemaVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}
