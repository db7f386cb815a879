import { checksumOf } from './migrations/index.js';
import type { HubMigration } from './migrations/index.js';

/** A row of `schema_migrations`. */
export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
}

/** Raised when this build must not migrate the database; nothing was changed. */
export class HubSchemaError extends Error {
  constructor(message: string) {
    super(`${message}. The hub refuses to start; the database was not modified.`);
    this.name = 'HubSchemaError';
  }
}

const label = (m: { version: number; name: string }): string => `${m.version} (${m.name})`;

/**
 * Throws unless `applied` is a prefix of `shipped`: same versions, names and checksums, in order.
 * A database written by a newer hub, or by a build whose migrations differ, is refused.
 */
export function assertPrefix(applied: readonly AppliedMigration[], shipped: readonly HubMigration[]): void {
  const newest = shipped.at(-1)?.version ?? 0;
  applied.forEach((row, index) => {
    const expected = shipped[index];
    if (!expected) {
      throw new HubSchemaError(
        `The hub database has migration ${label(row)}, newer than this build, which ships up to ${newest}`,
      );
    }
    if (expected.version !== row.version || expected.name !== row.name) {
      throw new HubSchemaError(`The hub database has migration ${label(row)} where this build has ${label(expected)}`);
    }
    if (checksumOf(expected) !== row.checksum) {
      throw new HubSchemaError(`Migration ${label(row)} as applied differs from this build's copy`);
    }
  });
}
