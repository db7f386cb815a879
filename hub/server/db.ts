import { openPglite } from './db-pglite.js';
import { openPostgres } from './db-postgres.js';

export { openPglite } from './db-pglite.js';
export { openPostgres } from './db-postgres.js';

/** Something that runs SQL: the database itself or one transaction of it. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs several statements with no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The hub's database: PostgreSQL in production, PGlite embedded by default; same SQL for both. */
export interface HubDb extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Where the hub keeps its data: a PostgreSQL URL, else a PGlite folder, else memory. */
export interface HubDbOptions {
  databaseUrl?: string;
  dataDir?: string;
}

/** PostgreSQL when a URL is given, otherwise PGlite. */
export function openHubDb(options: HubDbOptions): Promise<HubDb> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}
