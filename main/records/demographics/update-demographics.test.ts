import { describe, expect, it } from 'vitest';
import { useTempStore } from '../../../test/support/temp-store.js';
import { stubHandlers } from '../../../test/support/stub-handlers.js';
import { createDispatcher } from '../../../contract/dispatcher.js';
import { stationContract } from '../../../contract/index.js';
import type { StationErrorShape } from '../../../contract/errors.js';
import { fieldStampsOf, registrationStamp } from '../../../contract/records/demographics-fhir.js';
import { PatientInput } from '../../../contract/records/patient.js';
import type { PatientInput as PatientInputType } from '../../../contract/records/patient.js';
import { decodeHlc, encodeHlc } from '../../../contract/sync/hlc.js';
import type { Actor } from '../ledger.js';
import { patientsHandlers } from '../records-handlers.js';
import { registerPatient } from '../register-patient.js';
import { searchPatients } from '../patient-search.js';
import { verifyAudit } from '../verify-audit.js';

const STATION = '0195a3c0-1111-7000-8000-00000000aaaa';
const actor: Actor = { userId: 'u-1', stationId: STATION };
const temp = useTempStore(actor, '王医生');

// 11010519491231002X: the worked example of GB 11643 (born 1949-12-31, female).
const zhang: PatientInputType = {
  name: '张三',
  sex: 'female',
  birthDate: '1949-12-31',
  phone: '13800138000',
  village: '东山村',
  consent: { telemedicine: true, shareWithHub: true },
};

const dispatcher = () =>
  createDispatcher(
    stationContract,
    stubHandlers({ patients: patientsHandlers({ db: temp.store.db, stationId: STATION, requireActor: () => actor }) }),
  );
async function call<T>(channel: string, input: unknown): Promise<T> {
  const result = await dispatcher().call(channel, input, { via: 'internal' });
  if (!result.ok) throw Object.assign(new Error(result.error.code), { shape: result.error });
  return result.value as T;
}
async function refusal(channel: string, input: unknown): Promise<StationErrorShape> {
  const result = await dispatcher().call(channel, input, { via: 'internal' });
  if (result.ok) throw new Error(`${channel} was accepted`);
  return result.error;
}
const register = (input: PatientInputType = zhang) =>
  registerPatient(temp.store.db, actor, PatientInput.parse(input)).id;
const rows = (sql: string, ...params: unknown[]) =>
  temp.store.db.prepare(sql).all(...params) as Record<string, unknown>[];
/** Everything an edit could touch. */
const snapshot = () =>
  ['records', 'outbox', 'audit_log', 'patient_index', 'patient_field_clocks', 'station_meta'].map((t) =>
    rows(`SELECT * FROM ${t}`),
  );
const edit = (patientId: string, changes: object, expectedVersion = 1, extra: object = {}) =>
  call<{ version: number; changed: string[] }>('patients.updateDemographics', {
    patientId,
    expectedVersion,
    changes,
    ...extra,
  });

describe('patients.updateDemographics', () => {
  it('writes the next Patient version with its outbox and audit entries, search keys and field clocks', async () => {
    const id = register();
    const result = await edit(id, { name: '张秀英', phone: '139 0013 9000', address: '东山村三组 12 号' });
    expect(result).toEqual({ version: 2, changed: ['name', 'phone', 'address'] });

    const record = await call<{ version: number; name: string; phone: string; address: string; village: string }>(
      'patients.get',
      { id },
    );
    expect(record).toMatchObject({
      version: 2,
      name: '张秀英',
      phone: '13900139000',
      address: '东山村三组 12 号',
      village: '东山村',
    });
    expect(
      rows("SELECT version, recorded_by FROM records WHERE id = ? AND type = 'Patient' ORDER BY version", id),
    ).toEqual([
      { version: 1, recorded_by: 'u-1' },
      { version: 2, recorded_by: 'u-1' },
    ]);
    expect(rows('SELECT lane FROM outbox WHERE record_id = ? AND record_version = 2', id)).toEqual([
      { lane: 'routine' },
    ]);
    expect(rows('SELECT action, user_id FROM audit_log WHERE record_id = ? AND record_version = 2', id)).toEqual([
      { action: 'demographics.updated', user_id: 'u-1' },
    ]);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
    expect(searchPatients(temp.store.db, 'zhangxiuying').map((p) => p.id)).toEqual([id]);
    expect(searchPatients(temp.store.db, '00139000').map((p) => p.id)).toEqual([id]);
    expect(searchPatients(temp.store.db, '00138000')).toEqual([]);

    // Changed fields carry a fresh clock over the registration's; the rest keep it.
    const body = JSON.parse(
      (rows('SELECT body FROM records WHERE id = ? AND version = 2', id)[0] as { body: string }).body,
    ) as unknown;
    const stamps = fieldStampsOf(body);
    const registered = registrationStamp(id, STATION);
    expect(stamps.village).toEqual(registered);
    expect(stamps.name).toMatchObject({ prev: registered.hlc, origin: STATION, by: 'u-1' });
    expect(stamps.name!.hlc > registered.hlc).toBe(true);
    expect(stamps.phone!.hlc).toBe(stamps.name!.hlc);
    // The clock table mirrors the record.
    const table = Object.fromEntries(
      rows('SELECT field, hlc, prev, origin, changed_by AS by FROM patient_field_clocks WHERE patient_id = ?', id).map(
        (r) => [r.field, { hlc: r.hlc, prev: r.prev, origin: r.origin, by: r.by }],
      ),
    );
    expect(table).toEqual(stamps);
    expect(rows("SELECT value FROM station_meta WHERE key = 'hlc'")).toEqual([{ value: stamps.name!.hlc }]);
  });

  it('clears optional fields, adds an emergency contact, and writes nothing when nothing changes', async () => {
    const id = register();
    await edit(id, {
      phone: null,
      address: '',
      emergencyContact: { name: '张四', relationship: '儿子', phone: '13700137000' },
    });
    const record = await call<Record<string, unknown>>('patients.get', { id });
    expect(record).toMatchObject({
      phone: null,
      address: null,
      emergencyContact: { name: '张四', relationship: '儿子', phone: '13700137000' },
    });
    const before = snapshot();
    expect(await edit(id, { phone: null, village: '东山村', name: ' 张三 ' }, 2)).toEqual({ version: 2, changed: [] });
    expect(snapshot()).toEqual(before);
  });

  it('refuses bad input field by field and changes nothing', async () => {
    const id = register();
    const before = snapshot();
    const bad = await refusal('patients.updateDemographics', {
      patientId: id,
      expectedVersion: 1,
      changes: { name: '', phone: '12345', birthDate: '2999-01-01', village: '  ', insuranceNumber: 'A B' },
    });
    expect(bad.code).toBe('invalid_input');
    expect(bad.details?.issues?.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual([
      'changes.birthDate:date.future',
      'changes.insuranceNumber:insurance.format',
      'changes.name:text.required',
      'changes.phone:phone.format',
      'changes.village:text.required',
    ]);
    const unknown = await refusal('patients.updateDemographics', {
      patientId: id,
      expectedVersion: 1,
      changes: { allergies: [] },
    });
    expect(unknown.code).toBe('invalid_input');
    expect(snapshot()).toEqual(before);
  });

  it('refuses an edit made on an older version, and an unknown patient', async () => {
    const id = register();
    await edit(id, { phone: '13900139000' });
    const before = snapshot();
    expect(
      (
        await refusal('patients.updateDemographics', {
          patientId: id,
          expectedVersion: 1,
          changes: { village: '西山村' },
        })
      ).code,
    ).toBe('stale_version');
    expect(
      (
        await refusal('patients.updateDemographics', {
          patientId: 'nobody',
          expectedVersion: 1,
          changes: { village: '西山村' },
        })
      ).code,
    ).toBe('not_found');
    expect(snapshot()).toEqual(before);
  });

  it('adds a national ID where none is recorded, and refuses to change a recorded one', async () => {
    const id = register();
    const mismatch = await refusal('patients.updateDemographics', {
      patientId: id,
      expectedVersion: 1,
      changes: { nationalId: '11010519491231002X', birthDate: '1950-01-01' },
    });
    expect(mismatch.details?.issues?.map((i) => i.code)).toEqual(['national_id.mismatch_birthDate']);
    expect(await edit(id, { nationalId: '11010519491231002x' })).toEqual({ version: 2, changed: ['nationalId'] });
    expect(await call('patients.get', { id })).toMatchObject({ nationalId: '11010519491231002X' });
    expect(searchPatients(temp.store.db, '19491231').map((p) => p.id)).toEqual([id]);

    const locked = await refusal('patients.updateDemographics', {
      patientId: id,
      expectedVersion: 2,
      changes: { nationalId: '11010519491231010X' },
    });
    expect(locked.details?.issues?.map((i) => `${i.path.join('.')}:${i.code}`)).toEqual([
      'changes.nationalId:national_id.locked',
    ]);
    // The same ID typed again is no change; a birth date the ID disagrees with needs her confirmation.
    expect(await edit(id, { nationalId: '11010519491231002X' }, 2)).toEqual({ version: 2, changed: [] });
    expect(
      (await refusal('patients.updateDemographics', { patientId: id, expectedVersion: 2, changes: { sex: 'male' } }))
        .details?.issues?.[0]?.code,
    ).toBe('national_id.mismatch_sex');
    expect(await edit(id, { sex: 'male' }, 2, { acceptIdMismatch: true })).toEqual({ version: 3, changed: ['sex'] });
  });

  it('refuses a national ID another patient already holds', async () => {
    const holder = register({ ...zhang, nationalId: '11010519491231002X' });
    const other = register({ ...zhang, name: '李四', birthDate: '1960-05-05', phone: undefined });
    const before = snapshot();
    const refused = await refusal('patients.updateDemographics', {
      patientId: other,
      expectedVersion: 1,
      changes: { nationalId: '11010519491231002X', birthDate: '1949-12-31' },
    });
    expect(refused).toMatchObject({ code: 'duplicate_national_id', details: { recordId: holder } });
    expect(snapshot()).toEqual(before);
  });

  it('stamps each edit after the last, even when the PC clock is behind the stored clock', async () => {
    const id = register();
    const ahead = encodeHlc({ wall: Date.now() + 30 * 60_000, counter: 5, node: 'elsewhere' });
    temp.store.db.prepare("INSERT INTO station_meta (key, value) VALUES ('hlc', ?)").run(ahead);
    await edit(id, { village: '西山村' });
    const stamp = fieldStampsOf(
      JSON.parse((rows('SELECT body FROM records WHERE id = ? AND version = 2', id)[0] as { body: string }).body),
    ).village!.hlc;
    expect(decodeHlc(stamp)).toMatchObject({ wall: decodeHlc(ahead).wall, counter: 6, node: STATION });
  });
});
