import { migration0001 } from './0001-stations.js';
import { migration0002 } from './0002-sync.js';
import { migration0003 } from './0003-admin-logins.js';
import { migration0004 } from './0004-uploads.js';
import { migration0005 } from './0005-demographics.js';
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
];
