import type { HubDb } from './db.js';
import { checksumOf, hubMigrations } from './migrations/index.js';
import type { HubMigration } from './migrations/index.js';

/** Arbitrary constant naming the migration lock among PostgreSQL advisory locks. */
const MIGRATION_LOCK = 0x43594e48;

/** Raised when the database must not be migrated by this build; nothing was changed. */
export class HubSchemaError extends Error {
  constructor(message: string) {
    super(`${message}. The database was not modified.`);
    this.name = 'HubSchemaError';
  }
}

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so hub
 * processes starting together against one PostgreSQL do not race. Returns the schema version.
 */
export async function migrate(db: HubDb, migrations: readonly HubMigration[] = hubMigrations): Promise<number> {
  return db.withLock(MIGRATION_LOCK, async () => {
    await db.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        checksum   text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      );
    `);
    const applied = await db.query<AppliedRow>(
      'SELECT version, name, checksum FROM schema_migrations ORDER BY version',
    );
    applied.forEach((row, index) => {
      const shipped = migrations[index];
      if (!shipped) {
        throw new HubSchemaError(
          `The hub database is at schema ${applied.length}, newer than this build (${migrations.length})`,
        );
      }
      if (shipped.version !== row.version || shipped.name !== row.name || checksumOf(shipped) !== row.checksum) {
        throw new HubSchemaError(`Applied migration ${row.version} ${row.name} differs from this build's`);
      }
    });
    for (const migration of migrations.slice(applied.length)) {
      await db.transaction(async (tx) => {
        await tx.exec(migration.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
          migration.version,
          migration.name,
          checksumOf(migration),
        ]);
      });
    }
    return migrations.length;
  });
}
