import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { useTempStore } from '../../../test/support/temp-store.js';
import { fieldStampsOf, registrationStamp } from '../../../contract/records/demographics-fhir.js';
import type { DemographicsPayload } from '../../../contract/records/demographics.js';
import { PatientInput } from '../../../contract/records/patient.js';
import { decodeHlc, encodeHlc, MAX_HLC_DRIFT_MS } from '../../../contract/sync/hlc.js';
import type { Actor } from '../ledger.js';
import { getPatientRecord } from '../patient-record.js';
import { registerPatient } from '../register-patient.js';
import { verifyAudit } from '../verify-audit.js';
import {
  applyPulledDemographics,
  DemographicsApplyError,
  hubActor,
  HUB_USER_ID,
  listConflicts,
  updateDemographics,
} from './index.js';

const STATION = '0195a3c0-1111-7000-8000-00000000aaaa';
const actor: Actor = { userId: 'u-1', stationId: STATION };
const temp = useTempStore(actor, '王医生');

const register = (fields: Partial<PatientInput> = {}) =>
  registerPatient(
    temp.store.db,
    actor,
    PatientInput.parse({
      name: '张三',
      sex: 'female',
      birthDate: '1949-12-31',
      phone: '13800138000',
      village: '东山村',
      consent: { telemedicine: true, shareWithHub: true },
      ...fields,
    }),
  ).id;
const rows = (sql: string, ...params: unknown[]) =>
  temp.store.db.prepare(sql).all(...params) as Record<string, unknown>[];
const snapshot = () =>
  [
    'records',
    'outbox',
    'audit_log',
    'patient_index',
    'patient_field_clocks',
    'demographic_conflicts',
    'station_meta',
  ].map((t) => rows(`SELECT * FROM ${t}`));
/** Applies as the pull applier does: inside its transaction. */
const apply = (payload: unknown) =>
  temp.store.db.transaction(() => applyPulledDemographics(temp.store.db, hubActor(STATION), payload)).immediate();
const applyError = (payload: unknown): DemographicsApplyError => {
  try {
    apply(payload);
  } catch (error) {
    if (error instanceof DemographicsApplyError) return error;
    throw error;
  }
  throw new Error('applied');
};
const hubClock = (offsetMs: number, counter = 0) => encodeHlc({ wall: Date.now() + offsetMs, counter, node: 'hub' });
const hubPayload = (patientId: string, fields: Record<string, { value: unknown; hlc: string; prev: string | null }>) =>
  ({
    patientId,
    fields: Object.fromEntries(Object.entries(fields).map(([f, s]) => [f, { ...s, origin: 'hub', by: 'admin' }])),
  }) as DemographicsPayload;
const currentBody = (id: string) =>
  JSON.parse(
    (
      rows("SELECT body FROM records WHERE id = ? AND type = 'Patient' ORDER BY version DESC LIMIT 1", id)[0] as {
        body: string;
      }
    ).body,
  ) as unknown;

describe('applyPulledDemographics', () => {
  it('writes the hub’s later edit as a new Patient version by the hub user, and moves the station clock', () => {
    const id = register();
    const registered = registrationStamp(id, STATION).hlc;
    const hlc = hubClock(20 * 60_000);
    apply(hubPayload(id, { phone: { value: '13900139000', hlc, prev: registered } }));

    expect(getPatientRecord(temp.store.db, id)).toMatchObject({ version: 2, phone: '13900139000', name: '张三' });
    expect(rows('SELECT recorded_by FROM records WHERE id = ? AND version = 2', id)).toEqual([
      { recorded_by: HUB_USER_ID },
    ]);
    expect(rows('SELECT lane FROM outbox WHERE record_id = ? AND record_version = 2', id)).toEqual([
      { lane: 'routine' },
    ]);
    expect(
      rows('SELECT action, user_id, station_id FROM audit_log WHERE record_id = ? AND record_version = 2', id),
    ).toEqual([{ action: 'demographics.merged_from_hub', user_id: HUB_USER_ID, station_id: STATION }]);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
    expect(fieldStampsOf(currentBody(id)).phone).toEqual({ hlc, prev: registered, origin: 'hub', by: 'admin' });
    expect(rows("SELECT hlc, origin FROM patient_field_clocks WHERE patient_id = ? AND field = 'phone'", id)).toEqual([
      { hlc, origin: 'hub' },
    ]);
    expect(listConflicts(temp.store.db, id)).toEqual([]);
    // The next edit here is later than what the hub sent.
    const stationClock = (rows("SELECT value FROM station_meta WHERE key = 'hlc'")[0] as { value: string }).value;
    expect(stationClock > hlc).toBe(true);
    updateDemographics(temp.store.db, actor, { patientId: id, expectedVersion: 2, changes: { phone: '13700137000' } });
    expect(fieldStampsOf(currentBody(id)).phone).toMatchObject({ prev: hlc, origin: STATION });
  });

  it('keeps the later of two concurrent edits and logs the other, once however often it arrives', () => {
    const id = register();
    const registered = registrationStamp(id, STATION).hlc;
    // The doctor changes the phone; meanwhile the hub, not having seen that, changes it too, later.
    updateDemographics(temp.store.db, actor, { patientId: id, expectedVersion: 1, changes: { phone: '13700137000' } });
    const mine = fieldStampsOf(currentBody(id)).phone!;
    const hlc = hubClock(60_000);
    const payload = hubPayload(id, {
      phone: { value: '13900139000', hlc, prev: registered },
      village: { value: '西山村', hlc, prev: registered },
    });
    apply(payload);
    expect(getPatientRecord(temp.store.db, id)).toMatchObject({ version: 3, phone: '13900139000', village: '西山村' });
    const [conflict, ...more] = listConflicts(temp.store.db, id);
    expect(more).toEqual([]);
    expect(conflict).toMatchObject({
      field: 'phone',
      kept: { value: '13900139000', hlc, origin: 'hub', by: 'admin', at: new Date(decodeHlc(hlc).wall).toISOString() },
      lost: { value: '13700137000', hlc: mine.hlc, origin: STATION, by: 'u-1' },
    });

    const before = snapshot();
    apply(payload);
    expect(snapshot()).toEqual(before);
  });

  it('logs the hub’s value when the station’s concurrent edit is later, and writes no version', () => {
    const id = register();
    const registered = registrationStamp(id, STATION).hlc;
    const early = encodeHlc({ wall: decodeHlc(registered).wall + 1, counter: 0, node: 'hub' });
    updateDemographics(temp.store.db, actor, { patientId: id, expectedVersion: 1, changes: { name: '张秀英' } });
    const versions = rows('SELECT count(*) AS n FROM records');
    apply(hubPayload(id, { name: { value: '张叁', hlc: early, prev: registered } }));
    expect(rows('SELECT count(*) AS n FROM records')).toEqual(versions);
    expect(getPatientRecord(temp.store.db, id).name).toBe('张秀英');
    expect(listConflicts(temp.store.db, id)).toMatchObject([
      { field: 'name', kept: { value: '张秀英', origin: STATION }, lost: { value: '张叁', hlc: early, origin: 'hub' } },
    ]);
  });

  it('takes a value from a clock far ahead without letting it drag the station clock', () => {
    const id = register();
    const wild = hubClock(3 * MAX_HLC_DRIFT_MS);
    apply(hubPayload(id, { village: { value: '北山村', hlc: wild, prev: registrationStamp(id, STATION).hlc } }));
    expect(getPatientRecord(temp.store.db, id).village).toBe('北山村');
    const stationClock = (rows("SELECT value FROM station_meta WHERE key = 'hlc'")[0] as { value: string }).value;
    expect(decodeHlc(stationClock).wall).toBeLessThan(Date.now() + 1_000);
    // The doctor can still correct it: her edit is stamped just after the value it replaces.
    updateDemographics(temp.store.db, actor, { patientId: id, expectedVersion: 2, changes: { village: '东山村' } });
    expect(decodeHlc(fieldStampsOf(currentBody(id)).village!.hlc)).toMatchObject({
      wall: decodeHlc(wild).wall,
      counter: 1,
    });
  });

  it('refuses what it cannot apply with a named reason, and writes nothing', () => {
    const id = register();
    const holder = register({ name: '李四', phone: undefined, nationalId: '11010519491231002X' });
    const before = snapshot();
    const hlc = hubClock(1_000);
    expect(applyError(hubPayload(uuidv7(), { phone: { value: '13900139000', hlc, prev: null } })).reason).toBe(
      'unknown_patient',
    );
    expect(
      applyError({ patientId: id, fields: { phone: { value: 42, hlc, prev: null, origin: 'hub', by: null } } }).reason,
    ).toBe('invalid_payload');
    expect(
      applyError({ patientId: id, fields: { shoeSize: { value: '42', hlc, prev: null, origin: 'hub', by: null } } })
        .reason,
    ).toBe('invalid_payload');
    expect(applyError(hubPayload(id, { phone: { value: '13900139000', hlc: 'yesterday', prev: null } })).reason).toBe(
      'invalid_payload',
    );
    const taken = applyError(hubPayload(id, { nationalId: { value: '11010519491231002X', hlc, prev: null } }));
    expect(taken.reason).toBe('national_id_taken');
    expect(taken.message).toContain(holder);
    expect(snapshot()).toEqual(before);
    expect(() => applyPulledDemographics(temp.store.db, hubActor(STATION), hubPayload(id, {}))).toThrow(/transaction/);
  });
});
