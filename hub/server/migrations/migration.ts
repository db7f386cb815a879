import { createHash } from 'node:crypto';

/** One shipped hub migration. Never edit one after it has shipped: add the next one. */
export interface HubMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function checksumOf(migration: HubMigration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}
