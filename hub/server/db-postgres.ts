import pg from 'pg';
import type { HubDb, Queryable } from './db.js';

function wrap(q: pg.Pool | pg.PoolClient): Queryable {
  return {
    query: async <T>(sql: string, params?: unknown[]) => (await q.query(sql, params)).rows as T[],
    exec: async (sql) => void (await q.query(sql)),
  };
}

/** The URL without its password, fit for an error message or a log line. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** PostgreSQL through a pg pool; fails fast when the server cannot be reached. */
export async function openPostgres(url: string): Promise<HubDb> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client whose server went away emits 'error'; unhandled, that would kill the hub.
  // The pool has already dropped that client and the next query opens a fresh one.
  pool.on('error', () => undefined);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot reach PostgreSQL at ${redactUrl(url)}: ${reason}`, { cause: error });
  }
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      // A checked-out client whose server dies emits 'error' on itself, not on the pool;
      // unhandled, that kills the hub. The query in flight fails anyway, and the client is
      // released as broken so the pool drops it.
      const onError = (error: Error): void => {
        broken = error;
      };
      client.on('error', onError);
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch((rollbackError: Error) => {
          // A connection that cannot roll back must not go back to the pool mid-transaction.
          broken = rollbackError;
        });
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
