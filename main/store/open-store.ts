import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { APPLICATION_ID, inspectFile } from './inspect-file.js';
import { checksumOf, shippedMigrations } from './migrations/index.js';
import type { Migration } from './migrations/index.js';

/** An open station database, migrated to the shipped schema. */
export interface Store {
  readonly db: Database.Database;
  readonly path: string;
  readonly schemaVersion: number;
  readonly shippedSchemaVersion: number;
  /** Copies what the WAL holds into the database file, without waiting on readers. */
  checkpoint(): void;
  close(): void;
}

export interface OpenStoreOptions {
  /** better-sqlite3 addon built for another ABI (Electron); tests and Node use the default. */
  nativeBinding?: string;
  /** The migrations to apply; tests pass their own lists to simulate other builds. */
  migrations?: readonly Migration[];
}

const BOOTSTRAP = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    checksum   TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT;
`;

/**
 * Opens (creating if absent) the station database at `path`. A file that is not a station
 * database, or one from a newer or different build, is refused before anything is written.
 */
export function openStore(path: string, options: OpenStoreOptions = {}): Store {
  const migrations = options.migrations ?? shippedMigrations;
  const state = inspectFile(path, options.nativeBinding, migrations);
  mkdirSync(dirname(path), { recursive: true });

  const db = new Database(path, { nativeBinding: options.nativeBinding });
  try {
    db.pragma('journal_mode = WAL');
    // Clinical data: a committed transaction must survive power loss, not only a crash.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // 64 MiB of page cache (SQLite's default is 2 MiB): a station holds a large, growing
    // database, and writes touch index pages all over it (search keys, number suffixes).
    db.pragma('cache_size = -65536');
    // Checkpoints copy the WAL into the database file; the core runs them on a timer between
    // writes (Store.checkpoint) so a doctor's save does not pay for one. This is the backstop
    // for connections without that timer: about 40 MB of WAL.
    db.pragma('wal_autocheckpoint = 10000');

    const applied = state.kind === 'station' ? state.applied : 0;
    for (const migration of migrations.slice(applied)) {
      // The bookkeeping table and the application id are written in the same transaction as
      // the first migration, so a crash leaves either an empty file or a marked, migrated one.
      // foreign_keys cannot change inside a transaction, so a rebuild turns it off around it.
      if (migration.rebuildsTables) db.pragma('foreign_keys = OFF');
      db.transaction(() => {
        db.exec(BOOTSTRAP);
        db.pragma(`application_id = ${APPLICATION_ID}`);
        db.exec(migration.sql);
        if (migration.rebuildsTables) {
          const broken = db.pragma('foreign_key_check') as unknown[];
          if (broken.length > 0) throw new Error(`migration ${migration.version}: ${broken.length} broken references`);
        }
        db.prepare('INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)').run(
          migration.version,
          migration.name,
          checksumOf(migration),
          new Date().toISOString(),
        );
      }).immediate();
      db.pragma('foreign_keys = ON');
    }
  } catch (error) {
    db.close();
    throw error;
  }

  return {
    db,
    path,
    schemaVersion: migrations.length,
    shippedSchemaVersion: migrations.length,
    checkpoint: () => {
      db.pragma('wal_checkpoint(PASSIVE)');
    },
    close: () => db.close(),
  };
}
