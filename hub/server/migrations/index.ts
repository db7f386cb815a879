import { migration0001 } from './0001-stations.js';
import { migration0002 } from './0002-sync.js';
import type { HubMigration } from './migration.js';

export type { HubMigration } from './migration.js';
export { checksumOf } from './migration.js';

/** Every migration the hub ships, in order. Append only. */
export const hubMigrations: readonly HubMigration[] = [migration0001, migration0002];
