import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { findIcd10 } from '../../contract/records/icd10.js';
import { conditionResource } from './fhir-resources.js';
import { appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { prepared } from '../store/prepared.js';

export interface NewCondition {
  patientId: string;
  encounterId: string | null;
  category: 'problem-list-item' | 'encounter-diagnosis';
  code: string | null;
  text: string | null;
}

/** Writes a Condition (a chronic problem or a visit's diagnosis) and its projection row. */
export function addCondition(db: Database.Database, actor: Actor, at: string, c: NewCondition): string {
  const id = uuidv7();
  const display = c.code ? (findIcd10(c.code)?.zh ?? null) : null;
  const body = conditionResource(id, c.patientId, { ...c, display }, at, actor.userId);
  appendRecord(
    db,
    actor,
    { id, version: 1, type: 'Condition', patientId: c.patientId, encounterId: c.encounterId, status: 'active', body },
    'create',
    at,
  );
  prepared(
    db,
    `INSERT INTO condition_index (condition_id, version, patient_id, encounter_id, category, code, status, recorded_at)
     VALUES (?, 1, ?, ?, ?, ?, 'active', ?)`,
  ).run(id, c.patientId, c.encounterId, c.category, c.code, at);
  return id;
}
