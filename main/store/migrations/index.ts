import { migration0001 } from './0001-station.js';
import { migration0002 } from './0002-records.js';
import { migration0003 } from './0003-visits.js';
import { migration0004 } from './0004-digit-search.js';
import { migration0005 } from './0005-devices.js';
import { migration0006 } from './0006-digit-index.js';
import { migration0007 } from './0007-sync.js';
import { migration0008 } from './0008-demographics.js';
import { migration0009 } from './0009-consults.js';
import { migration0010 } from './0010-media.js';
import type { Migration } from './migration.js';

export type { Migration } from './migration.js';
export { checksumOf } from './migration.js';

/** Every migration the station ships, in order. Append only. */
export const shippedMigrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0005,
  migration0006,
  migration0007,
  migration0008,
  migration0009,
  migration0010,
];
