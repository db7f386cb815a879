import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Transaction } from '@electric-sql/pglite';
import { lockDataDir } from './data-dir-lock.js';
import type { HubDb, Queryable } from './db.js';

function wrap(q: PGlite | Transaction): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await q.query<T>(sql, params)).rows,
    exec: async (sql) => void (await q.exec(sql)),
  };
}

/** PGlite in a folder (persisted, one hub process at a time) or in memory when no folder is given. */
export async function openPglite(dataDir?: string): Promise<HubDb> {
  const dir = dataDir === undefined ? undefined : resolve(dataDir);
  let unlock = (): void => undefined;
  if (dir !== undefined) {
    mkdirSync(dir, { recursive: true });
    // PGlite itself happily opens a folder another process has open, and both then write it.
    unlock = lockDataDir(dir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create(dir);
  } catch (error) {
    unlock();
    throw error;
  }
  return {
    kind: 'pglite',
    ...wrap(db),
    transaction: (fn) => db.transaction((tx) => fn(wrap(tx))),
    async close() {
      try {
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
