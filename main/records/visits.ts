import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { StationError } from '../../contract/errors.js';
import { findIcd10 } from '../../contract/records/icd10.js';
import type { Diagnosis, Visit, VisitReason } from '../../contract/records/visit.js';
import { addCondition } from './conditions.js';
import { conditionFacts, encounterFacts, encounterResource } from './fhir-resources.js';
import type { EncounterFacts } from './fhir-resources.js';
import { appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { readingsOfVisit } from './observations.js';
import { currentVersion } from './record-store.js';
import { prepared } from '../store/prepared.js';

function writeEncounter(
  db: Database.Database,
  actor: Actor,
  at: string,
  id: string,
  version: number,
  patientId: string,
  facts: EncounterFacts,
  action: string,
): void {
  appendRecord(
    db,
    actor,
    {
      id,
      version,
      type: 'Encounter',
      patientId,
      encounterId: id,
      status: facts.status,
      body: encounterResource(id, patientId, facts),
    },
    action,
    at,
  );
  prepared(
    db,
    `INSERT INTO encounter_index (encounter_id, version, patient_id, status, reason, started_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (encounter_id) DO UPDATE SET version = excluded.version, status = excluded.status, ended_at = excluded.ended_at`,
  ).run(id, version, patientId, facts.status, facts.reason, facts.startedAt, facts.endedAt);
}

/** Opens a visit; a patient has at most one open visit, which is returned instead of a second. */
export function openVisit(
  db: Database.Database,
  actor: Actor,
  input: { patientId: string; reason: VisitReason; chiefComplaint?: string | undefined },
): { id: string } {
  return db
    .transaction(() => {
      const patient = prepared<[string], { status: string }>(
        db,
        'SELECT status FROM patient_index WHERE patient_id = ?',
      ).get(input.patientId);
      if (!patient || patient.status !== 'active') throw new StationError('not_found', { recordId: input.patientId });
      const open = prepared<[string], { encounter_id: string }>(
        db,
        "SELECT encounter_id FROM encounter_index WHERE patient_id = ? AND status = 'in-progress'",
      ).get(input.patientId);
      if (open) throw new StationError('visit_already_open', { recordId: open.encounter_id });
      const at = new Date().toISOString();
      const id = uuidv7();
      writeEncounter(
        db,
        actor,
        at,
        id,
        1,
        input.patientId,
        {
          status: 'in-progress',
          reason: input.reason,
          chiefComplaint: input.chiefComplaint || null,
          history: null,
          examination: null,
          plan: null,
          startedAt: at,
          endedAt: null,
          doctorId: actor.userId,
        },
        'open-visit',
      );
      prepared(db, 'UPDATE patient_index SET last_visit_at = ? WHERE patient_id = ?').run(at, input.patientId);
      return { id };
    })
    .immediate();
}

/** The visit's current version; writes to a visit need it open. */
function openEncounter(db: Database.Database, visitId: string) {
  const record = currentVersion(db, visitId, 'Encounter');
  const facts = encounterFacts(record.body);
  if (facts.status !== 'in-progress') throw new StationError('visit_closed', { recordId: visitId });
  return { record, facts };
}

export function requireOpenVisit(db: Database.Database, visitId: string): { patientId: string } {
  return { patientId: openEncounter(db, visitId).record.patientId };
}

export function saveVisitNotes(
  db: Database.Database,
  actor: Actor,
  input: {
    visitId: string;
    chiefComplaint?: string | undefined;
    history?: string | undefined;
    examination?: string | undefined;
    plan?: string | undefined;
  },
): Visit {
  db.transaction(() => {
    const { record, facts } = openEncounter(db, input.visitId);
    const next: EncounterFacts = {
      ...facts,
      chiefComplaint: input.chiefComplaint ?? facts.chiefComplaint,
      history: input.history ?? facts.history,
      examination: input.examination ?? facts.examination,
      plan: input.plan ?? facts.plan,
    };
    const same = (['chiefComplaint', 'history', 'examination', 'plan'] as const).every(
      (k) => (next[k] ?? '') === (facts[k] ?? ''),
    );
    if (same) return;
    const at = new Date().toISOString();
    writeEncounter(db, actor, at, record.id, record.version + 1, record.patientId, next, 'update-visit-notes');
  }).immediate();
  return getVisit(db, input.visitId);
}

/** Closing is explicit; after it the visit only takes corrections. */
export function closeVisit(db: Database.Database, actor: Actor, visitId: string): Visit {
  db.transaction(() => {
    const { record, facts } = openEncounter(db, visitId);
    const at = new Date().toISOString();
    writeEncounter(
      db,
      actor,
      at,
      record.id,
      record.version + 1,
      record.patientId,
      { ...facts, status: 'finished', endedAt: at },
      'close-visit',
    );
  }).immediate();
  return getVisit(db, visitId);
}

export function addDiagnosis(
  db: Database.Database,
  actor: Actor,
  input: { visitId: string; code?: string | undefined; text?: string | undefined },
): { id: string } {
  if (input.code !== undefined && !findIcd10(input.code) && !input.text) {
    // A code outside the shipped list needs words beside it, so the record says what was meant.
    throw new StationError('invalid_input', {
      issues: [{ path: ['code'], code: 'diagnosis.unknown_code', message: 'diagnosis.unknown_code' }],
    });
  }
  return db
    .transaction(() => {
      const { patientId } = requireOpenVisit(db, input.visitId);
      const at = new Date().toISOString();
      const id = addCondition(db, actor, at, {
        patientId,
        encounterId: input.visitId,
        category: 'encounter-diagnosis',
        code: input.code ?? null,
        text: input.text || null,
      });
      return { id };
    })
    .immediate();
}

function diagnosesOf(db: Database.Database, visitId: string): Diagnosis[] {
  const rows = prepared<
    [string],
    { condition_id: string; version: number; status: 'active' | 'entered-in-error'; recorded_at: string }
  >(
    db,
    `SELECT condition_id, version, status, recorded_at FROM condition_index
       WHERE encounter_id = ? AND category = 'encounter-diagnosis' ORDER BY recorded_at`,
  ).all(visitId);
  return rows.map((row) => {
    const facts = conditionFacts(currentVersion(db, row.condition_id).body);
    const entry = facts.code ? findIcd10(facts.code) : undefined;
    return {
      id: row.condition_id,
      version: row.version,
      code: facts.code,
      names: entry ? { zh: entry.zh, en: entry.en } : null,
      text: facts.text,
      status: row.status,
      recordedAt: row.recorded_at,
    };
  });
}

export function getVisit(db: Database.Database, visitId: string): Visit {
  const record = currentVersion(db, visitId, 'Encounter');
  const facts = encounterFacts(record.body);
  const doctor = prepared<[string], { display_name: string }>(db, 'SELECT display_name FROM users WHERE id = ?').get(
    facts.doctorId,
  );
  return {
    id: record.id,
    version: record.version,
    patientId: record.patientId,
    status: facts.status,
    reason: facts.reason as VisitReason,
    chiefComplaint: facts.chiefComplaint,
    history: facts.history,
    examination: facts.examination,
    plan: facts.plan,
    startedAt: facts.startedAt,
    endedAt: facts.endedAt,
    doctor: doctor?.display_name ?? facts.doctorId,
    vitals: readingsOfVisit(db, visitId),
    diagnoses: diagnosesOf(db, visitId),
  };
}
