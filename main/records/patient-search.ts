import type Database from 'better-sqlite3';
import type { PatientSummary } from '../../contract/records/patient.js';
import { maskNationalId } from '../../contract/records/national-id.js';
import { normalizeQuery } from './search-keys.js';
import { prepared } from '../store/prepared.js';

interface IndexRow {
  patient_id: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  national_id: string | null;
  phone: string | null;
  village: string | null;
  last_visit_at: string | null;
}

/** Whole years between a birth date and today. */
export function ageOn(birthDate: string, today: Date): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const age =
    today.getUTCFullYear() -
    y -
    (today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d) ? 1 : 0);
  return Math.max(0, age);
}

export function toSummary(row: IndexRow, today = new Date()): PatientSummary {
  return {
    id: row.patient_id,
    name: row.name,
    sex: row.sex,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, today),
    village: row.village,
    nationalIdMasked: row.national_id === null ? null : maskNationalId(row.national_id),
    phone: row.phone,
    lastVisitAt: row.last_visit_at,
  };
}

const COLUMNS = 'patient_id, name, sex, birth_date, national_id, phone, village, last_visit_at';

/** `abc` → the range [abc, abd) for an index prefix scan. */
const upper = (prefix: string): string =>
  prefix.slice(0, -1) + String.fromCodePoint((prefix.codePointAt(prefix.length - 1) ?? 0) + 1);

/**
 * Finds patients by Chinese name, full pinyin, initials ("zs" → 张三), any 4+ digit part of the
 * national ID, or phone. Prefixes use the B-tree indexes; longer substrings use the trigram
 * index. Exact and prefix matches rank before substring matches, recent visits first.
 */
export function searchPatients(db: Database.Database, rawQuery: string, limit = 20): PatientSummary[] {
  const { text, kind } = normalizeQuery(rawQuery);
  if (text === '' || (kind === 'digits' && text.length < 4)) return [];
  const found = new Map<string, IndexRow>();
  const take = (rows: IndexRow[]) => {
    for (const row of rows) if (found.size < limit && !found.has(row.patient_id)) found.set(row.patient_id, row);
  };
  const active = "status = 'active'";
  const byPrefix = (column: string) =>
    prepared<[string, string, number], IndexRow>(
      db,
      `SELECT ${COLUMNS} FROM patient_index WHERE ${column} >= ? AND ${column} < ? AND ${active} LIMIT ?`,
    ).all(text, upper(text), limit);

  if (kind === 'latin') {
    take(
      prepared<[string, number], IndexRow>(
        db,
        `SELECT ${COLUMNS} FROM patient_index WHERE initials = ? AND ${active} LIMIT ?`,
      ).all(text, limit),
    );
    take(byPrefix('pinyin'));
    take(byPrefix('initials'));
  } else if (kind === 'han') {
    take(
      prepared<[string, number], IndexRow>(
        db,
        `SELECT ${COLUMNS} FROM patient_index WHERE name = ? AND ${active} LIMIT ?`,
      ).all(text, limit),
    );
    take(byPrefix('name'));
  } else if (kind === 'digits') {
    take(
      prepared<[string, string, number], IndexRow>(
        db,
        `SELECT ${COLUMNS} FROM patient_index WHERE patient_id IN
             (SELECT patient_id FROM patient_digits WHERE suffix >= ? AND suffix < ? LIMIT 200) AND ${active} LIMIT ?`,
      ).all(text, upper(text), limit),
    );
    const today = new Date();
    return [...found.values()].map((row) => toSummary(row, today));
  }
  // Substrings of names (a given name typed alone) when nothing matched from the start.
  if (found.size === 0 && [...text].length >= 3) {
    take(
      prepared<[string, number], IndexRow>(
        db,
        `SELECT ${COLUMNS.split(', ')
          .map((c) => `i.${c}`)
          .join(', ')} FROM patient_search s CROSS JOIN patient_index i ON i.rowid = s.rowid
           WHERE s.terms LIKE ? ESCAPE '\\' AND i.${active} LIMIT ?`,
      ).all(`%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, limit),
    );
  }
  const today = new Date();
  return [...found.values()].map((row) => toSummary(row, today));
}
