import type Database from 'better-sqlite3';
import type { DuplicateCandidate, PatientFields } from '../../contract/records/patient.js';
import { toSummary } from './patient-search.js';
import { nameSearchKeys } from './search-keys.js';
import { prepared } from '../store/prepared.js';

type Row = Parameters<typeof toSummary>[0] & { pinyin: string };

/** Levenshtein distance, for "similar name" on a shared phone (a typo, or a relative). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, i) => i);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (x[i - 1] === y[j - 1] ? 0 : 1),
      );
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/**
 * Patients who look like the one about to be registered: the same name pinyin and birth date,
 * or the same phone and a similar name. An exact national-ID match is handled before this.
 */
export function likelyDuplicates(
  db: Database.Database,
  p: Pick<PatientFields, 'name' | 'birthDate' | 'phone'>,
): DuplicateCandidate[] {
  const { pinyin } = nameSearchKeys(p.name);
  const cols = 'patient_id, name, sex, birth_date, national_id, phone, village, last_visit_at, pinyin';
  const byBirth = prepared<[string, string], Row>(
    db,
    `SELECT ${cols} FROM patient_index WHERE pinyin = ? AND birth_date = ? AND status = 'active' LIMIT 20`,
  ).all(pinyin, p.birthDate);
  const byPhone =
    p.phone === undefined
      ? []
      : prepared<[string], Row>(
          db,
          `SELECT ${cols} FROM patient_index WHERE phone = ? AND status = 'active' LIMIT 20`,
        ).all(p.phone);
  const candidates = new Map<string, DuplicateCandidate>();
  for (const row of byBirth)
    candidates.set(row.patient_id, { ...toSummary(row), reasons: ['same_pinyin_and_birth_date'] });
  for (const row of byPhone) {
    const similar = row.pinyin === pinyin || distance(row.name, p.name) <= 1;
    if (!similar) continue;
    const existing = candidates.get(row.patient_id);
    if (existing) existing.reasons.push('same_phone_similar_name');
    else candidates.set(row.patient_id, { ...toSummary(row), reasons: ['same_phone_similar_name'] });
  }
  return [...candidates.values()];
}
