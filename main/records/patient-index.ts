import type Database from 'better-sqlite3';
import { nameSearchKeys } from './search-keys.js';
import { prepared } from '../store/prepared.js';

/** The searchable facts of a patient's current version. */
export interface IndexedPatient {
  id: string;
  version: number;
  status: string;
  name: string;
  sex: string;
  birthDate: string;
  nationalId: string | null;
  phone: string | null;
  village: string | null;
}

/**
 * Points the search projections at a patient's current version. Runs inside the transaction
 * that wrote the version, so search never sees a record the store does not hold.
 */
export function indexPatient(db: Database.Database, p: IndexedPatient): void {
  const keys = nameSearchKeys(p.name);
  prepared(
    db,
    `INSERT INTO patient_index (patient_id, version, status, name, pinyin, initials, sex, birth_date, national_id, phone, village, last_visit_at)
     VALUES (@id, @version, @status, @name, @pinyin, @initials, @sex, @birthDate, @nationalId, @phone, @village, NULL)
     ON CONFLICT (patient_id) DO UPDATE SET version = excluded.version, status = excluded.status, name = excluded.name,
       pinyin = excluded.pinyin, initials = excluded.initials, sex = excluded.sex, birth_date = excluded.birth_date,
       national_id = excluded.national_id, phone = excluded.phone, village = excluded.village`,
  ).run({ ...p, pinyin: keys.pinyin, initials: keys.initials });
  // Every reading of the name, for substring search (3+ characters).
  const terms = [p.name, ...keys.pinyinAlternatives, ...keys.initialsAlternatives].join(' ');
  // Every suffix of 4+ digits of the ID and the phone, for "any part of the number".
  prepared(db, 'DELETE FROM patient_digits WHERE patient_id = ?').run(p.id);
  if (p.status === 'active') {
    const insert = prepared(db, 'INSERT OR IGNORE INTO patient_digits (suffix, patient_id) VALUES (?, ?)');
    for (const digits of [p.nationalId?.toLowerCase(), p.phone]) {
      if (!digits) continue;
      for (let start = 0; start <= digits.length - 4; start++) insert.run(digits.slice(start), p.id);
    }
  }
  // The full-text row shares the index row's rowid: found and replaced without a scan.
  const { rowid } = prepared<[string], { rowid: number }>(
    db,
    'SELECT rowid FROM patient_index WHERE patient_id = ?',
  ).get(p.id) ?? { rowid: -1 };
  prepared(db, 'DELETE FROM patient_search WHERE rowid = ?').run(rowid);
  if (p.status === 'active')
    prepared(db, 'INSERT INTO patient_search (rowid, patient_id, terms) VALUES (?, ?, ?)').run(rowid, p.id, terms);
}
