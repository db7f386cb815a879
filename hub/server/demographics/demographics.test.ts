import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPglite } from '../db.js';
import type { HubDb } from '../db.js';
import { migrate } from '../migrate.js';
import { applyPush } from '../sync/apply-push.js';
import { registrationStamp, withFieldStamps } from '../../../contract/records/demographics-fhir.js';
import { DemographicsPayload } from '../../../contract/records/demographics.js';
import type { FieldStamps } from '../../../contract/records/demographics.js';
import { decodeHlc, encodeHlc } from '../../../contract/sync/hlc.js';
import {
  editDemographicsOnHub,
  HubDemographicsError,
  listHubConflicts,
  mergePushedDemographics,
  mergePushedPatient,
  readDemographics,
} from './index.js';

const STATION = '0195a3c0-1111-7000-8000-00000000aaaa';
const OTHER_STATION = '0195a3c0-2222-7000-8000-00000000bbbb';
// UUIDv7 ids, so the registration stamp has a time.
const PATIENT = '0195a3c0-3333-7000-8000-000000000001';
const SECOND_PATIENT = '0195a3c0-3333-7000-8000-000000000002';

let db: HubDb;
beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
});
afterAll(async () => db.close());
beforeEach(async () => {
  await db.exec(
    'TRUNCATE patient_demographics, demographic_conflicts, station_outbound, hub_records, stations CASCADE',
  );
  for (const id of [STATION, OTHER_STATION])
    await db.query(
      "INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name) VALUES ($1, 'test', now(), now(), 'st')",
      [id],
    );
});

/** A Patient resource as the station writes it (shape of main/records/fhir-resources.ts). */
function patientBody(
  id: string,
  over: { name?: string; phone?: string | null; nationalId?: string } = {},
  stamps?: FieldStamps,
) {
  const phone = over.phone === undefined ? '13800138000' : over.phone;
  const body = {
    resourceType: 'Patient',
    id,
    extension: [{ url: 'https://cunyi.health/fhir/StructureDefinition/village', valueString: '东山村' }],
    ...(over.nationalId
      ? {
          identifier: [
            { use: 'official', system: 'https://cunyi.health/fhir/sid/cn-resident-id', value: over.nationalId },
          ],
        }
      : {}),
    active: true,
    name: [{ use: 'official', text: over.name ?? '张三' }],
    ...(phone ? { telecom: [{ system: 'phone', value: phone, use: 'mobile' }] } : {}),
    gender: 'female',
    birthDate: '1949-12-31',
    address: [{ use: 'home', text: '东山村', line: ['东山村'] }],
  };
  return stamps ? withFieldStamps(body, stamps) : body;
}

const registered = registrationStamp(PATIENT, STATION);
const stationStamp = (wall: number, prev = registered.hlc) => ({
  hlc: encodeHlc({ wall, counter: 0, node: STATION }),
  prev,
  origin: STATION,
  by: 'u-1',
});
const outbound = () =>
  db.query<{ seq: string; kind: string; payload: unknown }>(
    'SELECT seq, kind, payload FROM station_outbound ORDER BY seq',
  );
const everything = async () => [
  await db.query('SELECT * FROM patient_demographics ORDER BY patient_id, field'),
  await db.query('SELECT * FROM demographic_conflicts ORDER BY id'),
  await outbound(),
  await db.query('SELECT station_id, outbound_seq FROM stations ORDER BY station_id'),
];
const push = (stationId: string, patientId: string, body: unknown) =>
  db.transaction((tx) => mergePushedDemographics(tx, stationId, patientId, body));
async function refused(promise: Promise<unknown>): Promise<HubDemographicsError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubDemographicsError) return error;
    throw error;
  }
  throw new Error('accepted');
}

describe('merging a pushed Patient version', () => {
  it('takes in a newly registered patient with registration stamps, then a later station edit', async () => {
    expect(await push(STATION, PATIENT, patientBody(PATIENT))).toMatchObject({ outcome: 'merged', changed: [] });
    const first = await readDemographics(db, PATIENT);
    expect(first.owner).toBe(STATION);
    expect(first.state.phone).toEqual({ ...registered, value: '13800138000' });
    expect(first.state.emergencyContact).toEqual({ ...registered, value: null });
    expect(Object.keys(first.state)).toHaveLength(9);

    const edit = stationStamp(decodeHlc(registered.hlc).wall + 5_000);
    const body = patientBody(PATIENT, { phone: '13900139000' }, { phone: edit });
    expect(await push(STATION, PATIENT, body)).toEqual({ outcome: 'merged', changed: ['phone'], conflicts: 0 });
    expect((await readDemographics(db, PATIENT)).state.phone).toEqual({ ...edit, value: '13900139000' });
    expect(await listHubConflicts(db, PATIENT)).toEqual([]);
  });

  it('leaves the hub’s view alone for an unreadable body or another station’s patient', async () => {
    await push(STATION, PATIENT, patientBody(PATIENT));
    const before = await everything();
    expect(await push(OTHER_STATION, PATIENT, patientBody(PATIENT, { name: '李四' }))).toEqual({
      outcome: 'foreign_patient',
    });
    expect(await push(STATION, PATIENT, { resourceType: 'Patient', id: PATIENT })).toMatchObject({
      outcome: 'unreadable',
    });
    const badClocks = {
      ...patientBody(PATIENT),
      extension: [{ url: 'https://cunyi.health/fhir/StructureDefinition/field-clocks', valueString: '[' }],
    };
    expect(await push(STATION, PATIENT, badClocks)).toMatchObject({ outcome: 'unreadable' });
    expect(await everything()).toEqual(before);
  });

  it('runs as the push applier’s Patient hook, in the transaction that stores the version', async () => {
    const record = (version: number, body: unknown) => ({
      id: PATIENT,
      version,
      type: 'Patient',
      patientId: PATIENT,
      encounterId: null,
      status: 'active',
      recordedAt: new Date().toISOString(),
      recordedBy: 'u-1',
      lane: 'routine' as const,
      body: JSON.stringify(body),
    });
    const edit = stationStamp(decodeHlc(registered.hlc).wall + 1_000);
    const results = await applyPush(
      db,
      STATION,
      [record(1, patientBody(PATIENT)), record(2, patientBody(PATIENT, { name: '张秀英' }, { name: edit }))],
      {
        onPatient: mergePushedPatient,
      },
    );
    expect(results).toEqual([{ outcome: 'applied' }, { outcome: 'applied' }]);
    expect((await readDemographics(db, PATIENT)).state.name).toEqual({ ...edit, value: '张秀英' });
  });
});

describe('editDemographicsOnHub', () => {
  it('stamps a hub clock after everything held, and queues only the edited fields for the owning station', async () => {
    await push(STATION, PATIENT, patientBody(PATIENT));
    const result = await editDemographicsOnHub(db, PATIENT, { phone: '139-0013-9000', address: '东山村三组' }, 'dr.li');
    expect(result).toMatchObject({ changed: ['phone', 'address'], seq: 1 });
    expect(result.hlc! > registered.hlc).toBe(true);
    expect(decodeHlc(result.hlc!).node).toBe('hub');

    const state = (await readDemographics(db, PATIENT)).state;
    expect(state.phone).toEqual({
      value: '13900139000',
      hlc: result.hlc,
      prev: registered.hlc,
      origin: 'hub',
      by: 'dr.li',
    });
    expect(state.address).toMatchObject({ value: '东山村三组', origin: 'hub' });
    expect(state.name).toMatchObject({ ...registered, value: '张三' });

    const [item, ...rest] = await outbound();
    expect(rest).toEqual([]);
    expect(item).toMatchObject({ seq: expect.anything(), kind: 'demographics' });
    const payload = DemographicsPayload.parse(item!.payload);
    expect(payload).toEqual({
      patientId: PATIENT,
      fields: {
        phone: { value: '13900139000', hlc: result.hlc, prev: registered.hlc, origin: 'hub', by: 'dr.li' },
        address: { value: '东山村三组', hlc: result.hlc, prev: registered.hlc, origin: 'hub', by: 'dr.li' },
      },
    });
    expect(await db.query('SELECT outbound_seq::int AS n FROM stations WHERE station_id = $1', [STATION])).toEqual([
      { n: 1 },
    ]);

    // A second edit is later still and numbered next; an edit that changes nothing queues nothing.
    const second = await editDemographicsOnHub(db, PATIENT, { phone: '13700137000' }, 'dr.li');
    expect(second.seq).toBe(2);
    expect(second.hlc! > result.hlc!).toBe(true);
    expect((await readDemographics(db, PATIENT)).state.phone).toMatchObject({ prev: result.hlc });
    const before = await everything();
    expect(await editDemographicsOnHub(db, PATIENT, { phone: '13700137000', village: '东山村' }, 'dr.li')).toEqual({
      changed: [],
      hlc: null,
      seq: null,
    });
    expect(await everything()).toEqual(before);
  });

  it('merges with a concurrent station edit: the later clock wins on both sides of the log', async () => {
    await push(STATION, PATIENT, patientBody(PATIENT));
    const hub = await editDemographicsOnHub(db, PATIENT, { phone: '13900139000' }, 'dr.li');
    const hubWall = decodeHlc(hub.hlc!).wall;

    // The station changed the phone too, not having seen the hub's edit, and its clock is later.
    const later = stationStamp(hubWall + 10_000);
    await push(STATION, PATIENT, patientBody(PATIENT, { phone: '13700137000' }, { phone: later }));
    expect((await readDemographics(db, PATIENT)).state.phone).toMatchObject({ value: '13700137000', hlc: later.hlc });
    expect(await listHubConflicts(db, PATIENT)).toMatchObject([
      {
        field: 'phone',
        kept: { value: '13700137000', hlc: later.hlc, origin: STATION, by: 'u-1' },
        lost: { value: '13900139000', hlc: hub.hlc, origin: 'hub', by: 'dr.li' },
        stationId: STATION,
      },
    ]);

    // And a station edit of the name with a clock earlier than the hub's concurrent one loses.
    const hubName = await editDemographicsOnHub(db, PATIENT, { name: '张秀英' }, 'dr.li');
    const earlier = stationStamp(decodeHlc(registered.hlc).wall + 1);
    await push(
      STATION,
      PATIENT,
      patientBody(PATIENT, { phone: '13700137000', name: '张叁' }, { phone: later, name: earlier }),
    );
    expect((await readDemographics(db, PATIENT)).state.name).toMatchObject({ value: '张秀英', hlc: hubName.hlc });
    const conflicts = await listHubConflicts(db, PATIENT);
    expect(conflicts.map((c) => [c.field, c.lost.value])).toEqual([
      ['phone', '13900139000'],
      ['name', '张叁'],
    ]);
    // The same version merged again (a retried batch) adds nothing.
    const before = await everything();
    await push(
      STATION,
      PATIENT,
      patientBody(PATIENT, { phone: '13700137000', name: '张叁' }, { phone: later, name: earlier }),
    );
    expect(await everything()).toEqual(before);
  });

  it('takes in a patient the hub stored before it merged demographics', async () => {
    await db.query(
      `INSERT INTO hub_records (record_id, version, station_id, type, patient_id, status, lane, body, body_sha256, recorded_at, recorded_by)
       VALUES ($1, 1, $2, 'Patient', $1, 'active', 'routine', $3::jsonb, $4, now(), 'u-1')`,
      [PATIENT, STATION, JSON.stringify(patientBody(PATIENT)), 'a'.repeat(64)],
    );
    const result = await editDemographicsOnHub(db, PATIENT, { village: '西山村' }, 'dr.li');
    expect(result).toMatchObject({ changed: ['village'], seq: 1 });
    expect((await readDemographics(db, PATIENT)).state.phone).toEqual({ ...registered, value: '13800138000' });
  });

  it('refuses bad edits with a reason and changes or queues nothing', async () => {
    await push(STATION, PATIENT, patientBody(PATIENT, { nationalId: '11010519491231002X' }));
    await push(STATION, SECOND_PATIENT, patientBody(SECOND_PATIENT));
    const before = await everything();

    const invalid = await refused(editDemographicsOnHub(db, PATIENT, { phone: '123', name: '' }, 'dr.li'));
    expect(invalid.reason).toBe('invalid_changes');
    expect(invalid.issues.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual([
      'changes.name:text.required',
      'changes.phone:phone.format',
    ]);
    const locked = await refused(editDemographicsOnHub(db, PATIENT, { nationalId: '11010519491231010X' }, 'dr.li'));
    expect(locked.issues.map((i) => i.code)).toEqual(['national_id.locked']);
    const mismatch = await refused(editDemographicsOnHub(db, PATIENT, { birthDate: '1950-01-01' }, 'dr.li'));
    expect(mismatch.issues.map((i) => i.code)).toEqual(['national_id.mismatch_birthDate']);
    expect(
      (await refused(editDemographicsOnHub(db, SECOND_PATIENT, { nationalId: '11010519491231002X' }, 'dr.li'))).reason,
    ).toBe('duplicate_national_id');
    expect(
      (await refused(editDemographicsOnHub(db, '0195a3c0-3333-7000-8000-0000000000ff', { phone: null }, 'dr.li')))
        .reason,
    ).toBe('unknown_patient');
    expect((await refused(editDemographicsOnHub(db, 'not-a-uuid', { phone: null }, 'dr.li'))).reason).toBe(
      'unknown_patient',
    );
    expect((await refused(editDemographicsOnHub(db, PATIENT, { phone: null }, ' '))).reason).toBe('invalid_changes');
    expect(await everything()).toEqual(before);

    // Confirmed by the editor, a birth date that differs from the ID is taken.
    const accepted = await editDemographicsOnHub(db, PATIENT, { birthDate: '1950-01-01' }, 'dr.li', {
      acceptIdMismatch: true,
    });
    expect(accepted.changed).toEqual(['birthDate']);
  });
});
