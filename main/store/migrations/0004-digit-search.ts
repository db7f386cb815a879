import type { Migration } from './migration.js';

/**
 * Any 4+ digit part of a national ID or phone number, found by a B-tree prefix scan over
 * every suffix (a suffix starting with the typed digits contains them). Trigram full-text
 * over digits is slow: a ten-letter alphabet makes every trigram common.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'digit-search',
  sql: `
    CREATE TABLE patient_digits (
      suffix      TEXT NOT NULL,
      patient_id  TEXT NOT NULL REFERENCES patient_index (patient_id),
      PRIMARY KEY (suffix, patient_id)
    ) STRICT, WITHOUT ROWID;

    WITH RECURSIVE numbers (patient_id, digits) AS (
      SELECT patient_id, lower(national_id) FROM patient_index WHERE national_id IS NOT NULL AND status = 'active'
      UNION SELECT patient_id, phone FROM patient_index WHERE phone IS NOT NULL AND status = 'active'
    ),
    suffixes (patient_id, suffix) AS (
      SELECT patient_id, digits FROM numbers
      UNION ALL SELECT patient_id, substr(suffix, 2) FROM suffixes WHERE length(suffix) > 4
    )
    INSERT OR IGNORE INTO patient_digits (suffix, patient_id) SELECT suffix, patient_id FROM suffixes;
  `,
};
