import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { PatientInput } from '../../contract/records/patient.js';
import type { DeviceIdentity, Measurement } from '../../drivers/core/events.js';
import { fhirR4Validator } from '../../test/support/fhir-schema.js';
import { useTempStore } from '../../test/support/temp-store.js';
import { exportPatientBundle } from '../records/fhir-export.js';
import { latestReadings } from '../records/observations.js';
import { registerPatient } from '../records/register-patient.js';
import { patientTimeline } from '../records/timeline.js';
import { verifyAudit } from '../records/verify-audit.js';
import { closeVisit, openVisit } from '../records/visits.js';
import { confirmReadings } from './confirm-readings.js';
import { pendingFromMeasurement } from './pending-reading.js';

const actor = { userId: '0197a0e0-0000-7000-8000-000000000001', stationId: 'station-1' };
const temp = useTempStore(actor);
let validate: ValidateFunction;
beforeAll(() => {
  validate = fhirR4Validator();
});

const oximeter: DeviceIdentity = {
  driver: 'contec-cms50d',
  manufacturer: 'Contec',
  model: 'CMS50D+',
  port: '/dev/ttyUSB0',
  serialNumber: 'SN-0042',
};
const cuff: DeviceIdentity = { driver: 'omron-hem', manufacturer: 'Omron', model: 'HEM-7080IT', port: 'hid-1' };
const at = '2026-11-30T01:02:03.000Z';
const spo2: Measurement = { type: 'measurement', loinc: '59408-5', display: 'SpO2', value: 88, unit: '%', time: at };
const pulse: Measurement = {
  type: 'measurement',
  loinc: '8867-4',
  display: 'Heart rate',
  value: 101,
  unit: '/min',
  time: at,
};
const bp = (systolic: number, diastolic: number): Measurement => ({
  type: 'measurement',
  loinc: '85354-9',
  display: 'Blood pressure panel',
  value: systolic,
  unit: 'mm[Hg]',
  components: [
    { loinc: '8480-6', display: 'Systolic', value: systolic, unit: 'mm[Hg]' },
    { loinc: '8462-4', display: 'Diastolic', value: diastolic, unit: 'mm[Hg]' },
  ],
  time: at,
  stored: true,
});

function visit() {
  const { id: patientId } = registerPatient(
    temp.store.db,
    actor,
    PatientInput.parse({
      name: '王五',
      sex: 'male',
      birthDate: '1958-07-01',
      village: '东风村',
      consent: { telemedicine: true, shareWithHub: true },
    }),
  );
  const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'illness' });
  return { patientId, visitId: id };
}

describe('device readings into a visit', () => {
  it('flags and keeps values exactly; refuses a value outside physiological limits without storing anything', () => {
    const low = pendingFromMeasurement(spo2, 'ox', oximeter);
    expect(low?.view).toMatchObject({ kind: 'spo2', value: 88, unit: '%', interpretation: 'LL', refusal: null });
    const panel = pendingFromMeasurement(bp(165, 95), 'bp', cuff);
    expect(panel?.view).toMatchObject({ kind: 'bloodPressure', value: 165, interpretation: 'H', stored: true });
    expect(panel?.view.components?.map((c) => [c.value, c.unit])).toEqual([
      [165, 'mmHg'],
      [95, 'mmHg'],
    ]);
    const typo = pendingFromMeasurement(bp(400, 95), 'bp', cuff);
    expect(typo?.view.refusal).toEqual({ code: 'vitals.out_of_limits', min: 40, max: 300, unit: 'mmHg' });
    const wrongUnit = pendingFromMeasurement({ ...pulse, unit: 'Hz' }, 'ox', oximeter);
    expect(wrongUnit?.view.refusal?.code).toBe('devices.unit_mismatch');
    expect(pendingFromMeasurement({ ...pulse, loinc: '0000-0' }, 'ox', oximeter)).toBeNull();

    const { visitId } = visit();
    const before = temp.store.db.prepare('SELECT count(*) AS n FROM records').get();
    expect(() => confirmReadings(temp.store.db, actor, visitId, [low!, typo!])).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
    expect(temp.store.db.prepare('SELECT count(*) AS n FROM records').get()).toEqual(before);
  });

  it('stores readings with their device and measurement time, one Provenance per device, audited and exportable', () => {
    const { patientId, visitId } = visit();
    const pendings = [
      pendingFromMeasurement(spo2, 'ox', oximeter)!,
      pendingFromMeasurement(pulse, 'ox', oximeter)!,
      pendingFromMeasurement(bp(165, 95), 'bp', cuff)!,
    ];
    const ids = confirmReadings(temp.store.db, actor, visitId, pendings);
    expect(ids).toHaveLength(3);

    const latest = latestReadings(temp.store.db, patientId);
    expect(latest.find((r) => r.kind === 'spo2')).toMatchObject({ value: 88, unit: '%', effectiveAt: at });
    expect(latest.find((r) => r.kind === 'bloodPressure')).toMatchObject({ value: 165, value2: 95 });

    const bundle = exportPatientBundle(temp.store.db, actor.stationId, patientId) as {
      entry: { resource: Record<string, unknown> }[];
    };
    const resources = bundle.entry.map((e) => e.resource);
    const observation = resources.find((r) => r['id'] === ids[0]);
    expect(observation).toMatchObject({
      code: { coding: [{ code: '59408-5' }] },
      valueQuantity: { value: 88, code: '%' },
      effectiveDateTime: at,
      device: { reference: '#device' },
      contained: [{ resourceType: 'Device', serialNumber: 'SN-0042', manufacturer: 'Contec' }],
    });
    const provenances = resources.filter((r) => r['resourceType'] === 'Provenance');
    expect(provenances).toHaveLength(2);
    expect(provenances.map((p) => (p['target'] as unknown[]).length).sort()).toEqual([1, 2]);
    expect(validate(bundle), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);

    // The timeline shows the readings, not the bookkeeping; the audit chain holds.
    const timeline = patientTimeline(temp.store.db, patientId);
    expect(timeline.filter((e) => e.type === 'Observation')).toHaveLength(3);
    expect(timeline.some((e) => (e.type as string) === 'Provenance')).toBe(false);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
  });

  it('a closed visit takes no device readings', () => {
    const { visitId } = visit();
    closeVisit(temp.store.db, actor, visitId);
    expect(() =>
      confirmReadings(temp.store.db, actor, visitId, [pendingFromMeasurement(pulse, 'ox', oximeter)!]),
    ).toThrow(expect.objectContaining({ code: 'visit_closed' }));
  });
});
