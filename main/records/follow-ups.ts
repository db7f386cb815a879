import type Database from 'better-sqlite3';
import { CHRONIC_CONDITIONS, followUpStatus } from '../../contract/records/chronic-conditions.js';
import type { FollowUpItem } from '../../contract/records/visit.js';
import { ageOn } from './patient-search.js';

interface Row {
  patient_id: string;
  name: string;
  sex: 'male' | 'female';
  birth_date: string;
  village: string | null;
  phone: string | null;
  code: string;
  since: string;
  last_follow_up: string | null;
}

/**
 * Patients in the hypertension or type-2 diabetes programme who are due, about to be due or
 * overdue for their quarterly follow-up, most overdue first. A finished visit whose reason is
 * chronic follow-up counts as one.
 */
export function dueFollowUps(db: Database.Database, today = new Date()): FollowUpItem[] {
  const programOf = new Map(
    CHRONIC_CONDITIONS.filter((c) => c.followUpProgram !== null).map((c) => [
      c.icd10,
      c.followUpProgram as 'hypertension' | 'diabetes',
    ]),
  );
  const marks = [...programOf.keys()].map(() => '?').join(', ');
  const rows = db
    .prepare<string[], Row>(
      `SELECT p.patient_id, p.name, p.sex, p.birth_date, p.village, p.phone, c.code, min(c.recorded_at) AS since,
         (SELECT max(e.started_at) FROM encounter_index e
           WHERE e.patient_id = p.patient_id AND e.reason = 'chronic_follow_up' AND e.status = 'finished') AS last_follow_up
       FROM condition_index c JOIN patient_index p ON p.patient_id = c.patient_id
       WHERE c.category = 'problem-list-item' AND c.status = 'active' AND c.code IN (${marks}) AND p.status = 'active'
       GROUP BY p.patient_id, c.code`,
    )
    .all(...programOf.keys());
  const byPatient = new Map<string, FollowUpItem>();
  for (const row of rows) {
    const program = programOf.get(row.code);
    if (!program) continue;
    const status = followUpStatus(row.last_follow_up, row.since, today);
    const existing = byPatient.get(row.patient_id);
    if (existing) {
      if (!existing.programs.includes(program)) existing.programs.push(program);
      continue;
    }
    byPatient.set(row.patient_id, {
      patientId: row.patient_id,
      name: row.name,
      sex: row.sex,
      age: ageOn(row.birth_date, today),
      village: row.village,
      phone: row.phone,
      programs: [program],
      lastFollowUpAt: row.last_follow_up,
      ...status,
    });
  }
  return [...byPatient.values()]
    .filter((item) => item.state !== 'ok')
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.dueOn.localeCompare(b.dueOn));
}
