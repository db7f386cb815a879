import { describe, expect, it } from 'vitest';
import { useTempStore } from '../../test/support/temp-store.js';
import type { ChronicConditionKey } from '../../contract/records/chronic-conditions.js';
import { PatientInput } from '../../contract/records/patient.js';
import { VitalsInput } from '../../contract/records/vitals.js';
import type { VitalsInput as VitalsInputType } from '../../contract/records/vitals.js';
import { markEnteredInError } from './corrections.js';
import { dueFollowUps } from './follow-ups.js';
import type { Actor } from './ledger.js';
import { amendReading, latestReadings, readingSeries, writeReadings } from './observations.js';
import { getPatientRecord } from './patient-record.js';
import { registerPatient } from './register-patient.js';
import { patientTimeline } from './timeline.js';
import { verifyAudit } from './verify-audit.js';
import { addDiagnosis, closeVisit, getVisit, openVisit, requireOpenVisit, saveVisitNotes } from './visits.js';

const actor: Actor = { userId: 'u-1', stationId: 's-1' };
const temp = useTempStore(actor);

let serial = 0;
const register = (chronicConditions: ChronicConditionKey[] = ['hypertension']) =>
  registerPatient(
    temp.store.db,
    actor,
    PatientInput.parse({
      name: '李秀英',
      sex: 'female',
      birthDate: `1958-03-${String(++serial).padStart(2, '0')}`,
      village: '石桥村',
      chronicConditions,
      consent: { telemedicine: true, shareWithHub: false },
    }),
  ).id;

const vitals = (visitId: string, input: VitalsInputType) => {
  const { patientId } = requireOpenVisit(temp.store.db, visitId);
  return temp.store.db
    .transaction(() =>
      writeReadings(temp.store.db, actor, new Date().toISOString(), patientId, visitId, VitalsInput.parse(input)),
    )
    .immediate();
};
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; details?: { recordId?: string } };
  }
  throw new Error('expected a refusal');
};
const count = (table: string) => (temp.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('a visit', () => {
  it('opens, takes notes, vitals and diagnoses, and closes explicitly', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness', chiefComplaint: '头晕三天' });
    saveVisitNotes(temp.store.db, actor, { visitId: id, history: '高血压十年', examination: '神清', plan: '复测血压' });
    vitals(id, { systolic: 165, diastolic: 95, heartRate: 72, weight: 60, height: 155 });
    addDiagnosis(temp.store.db, actor, { visitId: id, code: 'I10' });
    addDiagnosis(temp.store.db, actor, { visitId: id, text: '头晕待查' });
    const closed = closeVisit(temp.store.db, actor, id);
    expect(closed).toMatchObject({
      status: 'finished',
      chiefComplaint: '头晕三天',
      history: '高血压十年',
      plan: '复测血压',
      doctor: '王医生',
    });
    expect(closed.endedAt).not.toBeNull();
    const bp = closed.vitals.find((v) => v.kind === 'bloodPressure');
    expect(bp).toMatchObject({ value: 165, value2: 95, unit: 'mmHg', interpretation: 'H', interpretation2: 'H' });
    const bmi = closed.vitals.find((v) => v.kind === 'bmi');
    expect(bmi?.value).toBeCloseTo(60 / 1.55 ** 2, 10);
    expect(closed.diagnoses.map((d) => [d.code, d.text, d.names?.zh ?? null])).toEqual([
      ['I10', null, expect.stringContaining('高血压')],
      [null, '头晕待查', null],
    ]);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
  });

  it('a closed visit refuses new notes, vitals and diagnoses', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    closeVisit(temp.store.db, actor, id);
    const before = count('records');
    expect(refusal(() => saveVisitNotes(temp.store.db, actor, { visitId: id, plan: 'x' })).code).toBe('visit_closed');
    expect(refusal(() => vitals(id, { heartRate: 70 })).code).toBe('visit_closed');
    expect(refusal(() => addDiagnosis(temp.store.db, actor, { visitId: id, code: 'I10' })).code).toBe('visit_closed');
    expect(refusal(() => closeVisit(temp.store.db, actor, id)).code).toBe('visit_closed');
    expect(count('records')).toBe(before);
  });

  it('keeps one open visit per patient and points at it', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    const again = refusal(() => openVisit(temp.store.db, actor, { patientId, reason: 'check_up' }));
    expect(again).toMatchObject({ code: 'visit_already_open', details: { recordId: id } });
  });

  it('refuses a visit for a patient the station does not hold', () => {
    expect(refusal(() => openVisit(temp.store.db, actor, { patientId: 'nobody', reason: 'illness' })).code).toBe(
      'not_found',
    );
  });

  it('each notes save is a new version; saving unchanged notes writes nothing', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    expect(saveVisitNotes(temp.store.db, actor, { visitId: id, plan: 'a' }).version).toBe(2);
    expect(saveVisitNotes(temp.store.db, actor, { visitId: id, plan: 'a' }).version).toBe(2);
    expect(saveVisitNotes(temp.store.db, actor, { visitId: id, plan: 'b' }).version).toBe(3);
  });
});

describe('corrections', () => {
  it('an amended reading is a new version pointing at the old one; the timeline shows both', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    const [obs] = vitals(id, { temperature: 38.5 });
    closeVisit(temp.store.db, actor, id);
    const amended = amendReading(
      temp.store.db,
      actor,
      obs!,
      VitalsInput.parse({ temperature: 37.5 }),
      '录入错误，实测37.5',
    );
    expect(amended).toEqual({ id: obs, version: 2 });
    expect(getVisit(temp.store.db, id).vitals[0]).toMatchObject({ value: 37.5, status: 'amended', version: 2 });
    const lines = patientTimeline(temp.store.db, patientId).filter((e) => e.recordId === obs);
    expect(lines.map((l) => [l.version, l.status, l.summary.value, l.replaces, l.correctionReason])).toEqual([
      [2, 'amended', 37.5, 1, '录入错误，实测37.5'],
      [1, 'final', 38.5, null, null],
    ]);
    expect(
      refusal(() => amendReading(temp.store.db, actor, obs!, VitalsInput.parse({ heartRate: 80 }), 'x')).code,
    ).toBe('invalid_input');
  });

  it('entered-in-error retires a reading and a diagnosis without deleting them', () => {
    const patientId = register();
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    const [obs] = vitals(id, { systolic: 150, diastolic: 90 });
    const dx = addDiagnosis(temp.store.db, actor, { visitId: id, code: 'J06.9' });
    markEnteredInError(temp.store.db, actor, obs!, '录错患者');
    markEnteredInError(temp.store.db, actor, dx.id, '诊断录错');
    expect(latestReadings(temp.store.db, patientId)).toEqual([]);
    expect(readingSeries(temp.store.db, patientId, 'bloodPressure')).toEqual([]);
    expect(getVisit(temp.store.db, id).diagnoses[0]?.status).toBe('entered-in-error');
    expect(refusal(() => markEnteredInError(temp.store.db, actor, obs!, 'again')).code).toBe('record_retired');
    expect(temp.store.db.prepare('SELECT count(*) AS n FROM records WHERE id = ?').get(obs)).toEqual({ n: 2 });
    expect(verifyAudit(temp.store.db).ok).toBe(true);
  });

  it('a patient record cannot be marked entered-in-error through this call', () => {
    const patientId = register();
    expect(refusal(() => markEnteredInError(temp.store.db, actor, patientId, 'x')).code).toBe('invalid_input');
  });
});

describe('the patient record and follow-ups', () => {
  it('shows demographics, consent, chronic conditions and the open visit', () => {
    const patientId = register(['hypertension', 'type2_diabetes']);
    const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
    const record = getPatientRecord(temp.store.db, patientId);
    expect(record).toMatchObject({ name: '李秀英', village: '石桥村', openVisitId: id });
    expect(record.chronicConditions.map((c) => c.key).sort()).toEqual(['hypertension', 'type2_diabetes']);
    expect(record.consent).toMatchObject({ telemedicine: true, shareWithHub: false, capturedBy: 'u-1' });
  });

  it('lists programme patients by due date; a finished follow-up visit takes them off the list', () => {
    const hypertensive = register(['hypertension']);
    register(['copd']);
    // Joined the programme 200 days ago (the projection's date; the record itself is immutable).
    const joined = new Date(Date.now() - 200 * 86_400_000).toISOString();
    temp.store.db.prepare('UPDATE condition_index SET recorded_at = ? WHERE patient_id = ?').run(joined, hypertensive);
    expect(dueFollowUps(temp.store.db).map((f) => [f.patientId, f.programs, f.state, f.daysOverdue])).toEqual([
      [hypertensive, ['hypertension'], 'overdue', 110],
    ]);
    const { id } = openVisit(temp.store.db, actor, { patientId: hypertensive, reason: 'chronic_follow_up' });
    expect(dueFollowUps(temp.store.db)).toHaveLength(1); // not finished yet
    closeVisit(temp.store.db, actor, id);
    expect(dueFollowUps(temp.store.db)).toEqual([]);
    const in80Days = new Date(Date.now() + 80 * 86_400_000);
    expect(dueFollowUps(temp.store.db, in80Days).map((f) => f.state)).toEqual(['due_soon']);
  });
});
