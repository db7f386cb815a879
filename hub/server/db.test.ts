import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openHubDb, openPglite, openPostgres } from './db.js';

const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-hub-db-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('PGlite hub database in a folder', () => {
  it('commits a transaction that resolves, rolls back one that throws, and keeps data across reopen', async () => {
    const db = await openHubDb({ dataDir: join(dataDir, 'nested', 'hub') });
    expect(db.kind).toBe('pglite');
    await db.exec('CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL)');
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes VALUES ($1, $2)', [1, 'kept']);
    });
    const failure = db.transaction(async (tx) => {
      await tx.query('INSERT INTO notes VALUES ($1, $2)', [2, 'rolled back']);
      throw new Error('changed my mind');
    });
    await expect(failure).rejects.toThrow('changed my mind');
    expect(await db.query('SELECT id, body FROM notes ORDER BY id')).toEqual([{ id: 1, body: 'kept' }]);

    // While open, the folder is this process's: a second opener would corrupt it.
    await expect(openPglite(join(dataDir, 'nested', 'hub'))).rejects.toThrow(/already open in this process/);
    await db.close();
    expect(existsSync(join(dataDir, 'nested', 'hub', 'hub.lock'))).toBe(false);

    const reopened = await openPglite(join(dataDir, 'nested', 'hub'));
    const rows = await reopened.query('SELECT id, body FROM notes ORDER BY id');
    await reopened.close();
    expect(rows).toEqual([{ id: 1, body: 'kept' }]);
  });
});

describe('opening PostgreSQL', () => {
  it('fails fast with the address, never the password, when the server cannot be reached', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    await expect(openPostgres('postgres://hub:s3cret@127.0.0.1:1/hub')).rejects.toThrow(
      /^Cannot reach PostgreSQL at postgres:\/\/hub:\*\*\*@127\.0\.0\.1:1\/hub: /,
    );
    await expect(openPostgres('postgres://hub:s3cret@127.0.0.1:1/hub')).rejects.not.toThrow(/s3cret/);
  });
});
