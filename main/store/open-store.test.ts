import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Migration } from './migrations/index.js';
import { openStore, shippedMigrations, StoreOpenError } from './index.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-store-'));
  path = join(dir, 'station.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof StoreOpenError) return error.refusal;
    throw error;
  }
  throw new Error('expected the store to refuse the file');
}

const extra: Migration = {
  version: shippedMigrations.length + 1,
  name: 'extra',
  sql: 'CREATE TABLE extra (id INTEGER PRIMARY KEY) STRICT;',
};

describe('openStore', () => {
  it('creates a migrated database with the durability settings clinical data needs', () => {
    const store = openStore(path);
    expect(store.schemaVersion).toBe(shippedMigrations.length);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const strict = store.db
      .prepare(
        "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%'",
      )
      .all();
    expect(strict).toEqual([]);
    const applied = store.db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(shippedMigrations.map((m) => ({ version: m.version, name: m.name })));
    store.close();
  });

  it('reopens its own database without re-running migrations', () => {
    openStore(path).close();
    const store = openStore(path);
    expect((store.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n).toBe(
      shippedMigrations.length,
    );
    store.close();
  });

  it('applies only the pending migrations of a newer build', () => {
    openStore(path).close();
    const store = openStore(path, { migrations: [...shippedMigrations, extra] });
    expect(store.schemaVersion).toBe(shippedMigrations.length + 1);
    expect(store.db.prepare("SELECT name FROM sqlite_schema WHERE name = 'extra'").get()).toBeTruthy();
    store.close();
  });

  it('refuses a database written by a newer schema and leaves the file untouched', () => {
    openStore(path, { migrations: [...shippedMigrations, extra] }).close();
    const before = digest(path);
    expect(refusal(() => openStore(path))).toBe('from_future');
    expect(digest(path)).toBe(before);
  });

  it('refuses a database whose applied migrations are not a prefix of the shipped list', () => {
    const edited = shippedMigrations.map((m, i) =>
      i === 0 ? { ...m, sql: `${m.sql}\nCREATE TABLE sneaky (x INTEGER) STRICT;` } : m,
    );
    openStore(path, { migrations: edited }).close();
    const before = digest(path);
    expect(refusal(() => openStore(path))).toBe('diverged');
    expect(digest(path)).toBe(before);
  });

  it('refuses a file that is not SQLite and does not overwrite it', () => {
    writeFileSync(path, 'patient notes that are not a database\n'.repeat(100));
    const before = digest(path);
    expect(refusal(() => openStore(path))).toBe('not_sqlite');
    expect(digest(path)).toBe(before);
  });

  it("refuses another application's SQLite database", () => {
    const foreign = new Database(path);
    foreign.exec('CREATE TABLE accounts (id INTEGER PRIMARY KEY, balance REAL)');
    foreign.close();
    const before = digest(path);
    expect(refusal(() => openStore(path))).toBe('foreign_database');
    expect(digest(path)).toBe(before);
  });

  it('refuses a damaged database file', () => {
    openStore(path).close();
    const bytes = readFileSync(path);
    bytes.fill(0xa5, 100, Math.min(bytes.length, 8192)); // keep the header, wreck the schema page
    writeFileSync(path, bytes);
    const before = digest(path);
    expect(['corrupt', 'foreign_database']).toContain(refusal(() => openStore(path)));
    expect(digest(path)).toBe(before);
  });

  it('treats an empty file as a new database', () => {
    writeFileSync(path, '');
    const store = openStore(path);
    expect(store.schemaVersion).toBe(shippedMigrations.length);
    store.close();
    expect(existsSync(path)).toBe(true);
  });

  it('makes a committed write visible to another connection before the writer closes', () => {
    const store = openStore(path);
    store.db.prepare("INSERT INTO station_meta (key, value) VALUES ('probe', 'kept')").run();
    // The writer is still open: the commit lives in the WAL and must already be readable.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare("SELECT value FROM station_meta WHERE key = 'probe'").get()).toEqual({ value: 'kept' });
    reader.close();
    store.close();
  });
});
