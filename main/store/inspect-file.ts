import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { checksumOf } from './migrations/index.js';
import type { Migration } from './migrations/index.js';
import { StoreOpenError } from './store-error.js';

/** The SQLite `application_id` that marks a file as a Cunyi Station database ("CYNS"). */
export const APPLICATION_ID = 0x43594e53;

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
}

/** What an existing file holds, read without writing a byte. */
export type FileState = { kind: 'absent' } | { kind: 'station'; applied: number };

function readHeader(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = readSync(fd, header, 0, header.length, 0);
    return header.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Decides, read-only, whether a file may be opened as the station store: it must be absent,
 * empty, or a station database whose applied migrations are a prefix of the shipped list.
 */
export function inspectFile(path: string, nativeBinding: string | undefined, shipped: readonly Migration[]): FileState {
  const size = sizeOf(path);
  if (size === null || size === 0) return { kind: 'absent' };
  if (!readHeader(path).equals(SQLITE_HEADER)) throw new StoreOpenError('not_sqlite', path);

  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, nativeBinding });
  } catch (error) {
    throw new StoreOpenError('corrupt', path, (error as Error).message);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tableCount = (
      db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number }
    ).n;
    if (appId === 0 && tableCount === 0) return { kind: 'absent' };
    if (appId !== APPLICATION_ID) throw new StoreOpenError('foreign_database', path);
    const applied = db
      .prepare('SELECT version, name, checksum FROM schema_migrations ORDER BY version')
      .all() as AppliedRow[];
    applied.forEach((row, index) => {
      const migration = shipped[index];
      if (!migration)
        throw new StoreOpenError('from_future', path, `schema ${applied.length}, this build knows ${shipped.length}`);
      if (migration.version !== row.version || migration.name !== row.name || checksumOf(migration) !== row.checksum) {
        throw new StoreOpenError('diverged', path, `at migration ${row.version} ${row.name}`);
      }
    });
    return { kind: 'station', applied: applied.length };
  } catch (error) {
    if (error instanceof StoreOpenError) throw error;
    throw new StoreOpenError('corrupt', path, (error as Error).message);
  } finally {
    db.close();
  }
}
