import { migration0001 } from './0001-stations.js';
import { migration0002 } from './0002-sync.js';
import { migration0003 } from './0003-admin-logins.js';
import { migration0004 } from './0004-uploads.js';
import { migration0005 } from './0005-demographics.js';
import { migration0006 } from './0006-consults.js';
import type { HubMigration } from './migration.js';

export type { HubMigration } from './migration.js';
export { checksumOf } from './migration.js';

/** Every migration the hub ships, in order. Append only. */
export const hubMigrations: readonly HubMigration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
];
