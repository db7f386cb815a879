import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from './db.js';
import type { HubDb } from './db.js';
import { HubSchemaError, migrate, readSchemaVersion } from './migrate.js';
import { checksumOf, hubMigrations } from './migrations/index.js';
import type { HubMigration } from './migrations/index.js';

const alpha: HubMigration = { version: 1, name: 'alpha', sql: 'CREATE TABLE alpha (id integer);' };
const beta: HubMigration = { version: 2, name: 'beta', sql: 'CREATE TABLE beta (id integer);' };
const gamma: HubMigration = { version: 3, name: 'gamma', sql: 'CREATE TABLE gamma (id integer);' };

let db: HubDb;

beforeAll(async () => {
  db = await openPglite();
});
afterAll(async () => db.close());
// One PGlite for the file (it takes seconds to start); each test gets an empty schema.
beforeEach(async () => {
  await db.exec('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
});

/** Everything a refused migration could have touched. */
async function snapshot(): Promise<unknown> {
  const tables = await db.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const ledger = await db.query('SELECT * FROM schema_migrations ORDER BY version');
  return { tables, ledger };
}

async function tableNames(): Promise<string[]> {
  const rows = await db.query<{ tablename: string }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => row.tablename);
}

describe('migrate', () => {
  it('applies the shipped migrations to an empty database and records each one', async () => {
    const version = await migrate(db);
    expect(version).toBe(hubMigrations.at(-1)!.version);
    expect(await readSchemaVersion(db)).toBe(version);
    const ledger = await db.query<{ version: number; name: string; checksum: string; applied_at: Date }>(
      'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
    );
    expect(ledger.map(({ version: v, name, checksum }) => ({ version: v, name, checksum }))).toEqual(
      hubMigrations.map((m) => ({ version: m.version, name: m.name, checksum: checksumOf(m) })),
    );
    expect(ledger.every((row) => row.applied_at instanceof Date)).toBe(true);
  });

  it('creates the stations table with the columns the socket and enrollment write', async () => {
    await migrate(db);
    const columns = await db.query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_name = 'stations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'station_id', data_type: 'uuid', is_nullable: 'NO' },
      { column_name: 'app_version', data_type: 'text', is_nullable: 'NO' },
      { column_name: 'first_seen_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'last_seen_at', data_type: 'timestamp with time zone', is_nullable: 'NO' },
      { column_name: 'name', data_type: 'text', is_nullable: 'YES' },
      { column_name: 'public_key', data_type: 'bytea', is_nullable: 'YES' },
      { column_name: 'enrolled_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'revoked_at', data_type: 'timestamp with time zone', is_nullable: 'YES' },
      { column_name: 'outbound_seq', data_type: 'bigint', is_nullable: 'NO' },
    ]);
  });

  it('does nothing on a second run and applies only what is pending on an upgrade', async () => {
    await migrate(db, [alpha]);
    const first = await snapshot();
    expect(await migrate(db, [alpha])).toBe(1);
    expect(await snapshot()).toEqual(first);

    expect(await migrate(db, [alpha, beta, gamma])).toBe(3);
    expect(await tableNames()).toEqual(['alpha', 'beta', 'gamma', 'schema_migrations']);
    const [alphaRow] = await db.query('SELECT * FROM schema_migrations WHERE version = 1');
    expect(alphaRow).toEqual((first as { ledger: unknown[] }).ledger[0]);
  });

  it('refuses a database written by a newer hub and leaves it untouched', async () => {
    await migrate(db, [alpha, beta]);
    const before = await snapshot();
    const refused = migrate(db, [alpha]);
    await expect(refused).rejects.toBeInstanceOf(HubSchemaError);
    await expect(refused).rejects.toThrow(/migration 2 \(beta\), newer than this build, which ships up to 1/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a database whose applied migrations are not a prefix of the shipped list', async () => {
    await migrate(db, [alpha, { ...gamma, version: 2 }]);
    const before = await snapshot();
    // Applied: alpha, gamma-as-2. Shipped: alpha, beta, gamma: the second entry differs.
    await expect(migrate(db, [alpha, beta, gamma])).rejects.toThrow(
      /has migration 2 \(gamma\) where this build has 2 \(beta\).*not modified/,
    );
    expect(await snapshot()).toEqual(before);
    expect(await tableNames()).not.toContain('beta');
  });

  it('refuses when a shipped migration was edited after it was applied', async () => {
    await migrate(db, [alpha]);
    const before = await snapshot();
    const edited = { ...alpha, sql: 'CREATE TABLE alpha (id bigint);' };
    await expect(migrate(db, [edited, beta])).rejects.toThrow(/Migration 1 \(alpha\) as applied differs/);
    expect(await snapshot()).toEqual(before);
  });

  it('rolls back a failing migration alone, keeping the ones before it', async () => {
    const broken: HubMigration = { version: 2, name: 'broken', sql: 'CREATE TABLE half (id integer); SELECT nope;' };
    await expect(migrate(db, [alpha, broken])).rejects.toThrow(/nope/);
    expect(await tableNames()).toEqual(['alpha', 'schema_migrations']);
    expect(await readSchemaVersion(db)).toBe(1);
  });
});

describe('the shipped migration list', () => {
  it('numbers migrations 1, 2, 3… in order, one file each named NNNN-name.ts', () => {
    expect(hubMigrations.map((m) => m.version)).toEqual(hubMigrations.map((_, index) => index + 1));
    const files = readdirSync(new URL('./migrations/', import.meta.url)).filter((f) => /^\d{4}-/.test(f));
    expect(files.sort()).toEqual(hubMigrations.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}.ts`));
  });
});
