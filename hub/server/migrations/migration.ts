import { createHash } from 'node:crypto';

/** One shipped hub migration. Never edit one after it has shipped: add the next one. */
export interface HubMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** What `schema_migrations.checksum` records, so an edited shipped migration is noticed. */
export function checksumOf(migration: HubMigration): string {
  return createHash('sha256').update(migration.sql).digest('hex');
}
