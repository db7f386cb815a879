import type { Migration } from './migration.js';

/** Photos a doctor takes for a consult are FHIR Media records of the visit. */
export const migration0010: Migration = {
  version: 10,
  name: 'media',
  sql: `INSERT INTO record_types (type) VALUES ('Media');`,
};
