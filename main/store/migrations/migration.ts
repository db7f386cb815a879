import { createHash } from 'node:crypto';

/** One shipped migration. Never edit one after it has shipped: add the next one instead. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  /**
   * The migration rebuilds a table others reference: it runs with foreign keys off and ends
   * with a foreign_key_check, as SQLite's table-rebuild procedure requires.
   */
  readonly rebuildsTables?: boolean;
}

/** A migration's fingerprint; an applied migration whose text later changed is caught by it. */
export function checksumOf(migration: Migration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}
