import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { fhirR4Validator } from '../../test/support/fhir-schema.js';
import { useTempStore } from '../../test/support/temp-store.js';
import { PatientInput } from '../../contract/records/patient.js';
import { VitalsInput } from '../../contract/records/vitals.js';
import { markEnteredInError } from './corrections.js';
import { exportPatientBundle } from './fhir-export.js';
import type { Actor } from './ledger.js';
import { amendReading, writeReadings } from './observations.js';
import { registerPatient } from './register-patient.js';
import { addDiagnosis, closeVisit, openVisit, saveVisitNotes } from './visits.js';

let validate: ValidateFunction;

beforeAll(() => {
  validate = fhirR4Validator();
});

const actor: Actor = { userId: '0197a0e0-0000-7000-8000-000000000001', stationId: 'station-1' };
const temp = useTempStore(actor);

function fullRecord(): string {
  const patientId = registerPatient(
    temp.store.db,
    actor,
    PatientInput.parse({
      name: '张三',
      sex: 'female',
      birthDate: '1949-12-31',
      nationalId: '11010519491231002X',
      phone: '13800138000',
      village: '东山村',
      address: '东山村三组12号',
      insuranceNumber: 'R4101234567',
      allergies: [{ substance: '青霉素', reaction: '皮疹', severity: 'severe' }],
      chronicConditions: ['hypertension', 'type2_diabetes'],
      emergencyContact: { name: '张小明', relationship: '儿子', phone: '13900139000' },
      consent: { telemedicine: true, shareWithHub: false },
    }),
  ).id;
  const { id } = openVisit(temp.store.db, actor, { patientId, reason: 'chronic_follow_up', chiefComplaint: '头晕' });
  saveVisitNotes(temp.store.db, actor, {
    visitId: id,
    history: '高血压10年',
    examination: '心肺无异常',
    plan: '继续服药',
  });
  const ids = temp.store.db
    .transaction(() =>
      writeReadings(
        temp.store.db,
        actor,
        new Date().toISOString(),
        patientId,
        id,
        VitalsInput.parse({
          systolic: 168,
          diastolic: 96,
          heartRate: 88,
          spo2: 97,
          temperature: 36.6,
          respiratoryRate: 18,
          glucose: 7.8,
          glucoseContext: 'fasting',
          weight: 62.5,
          height: 158,
        }),
      ),
    )
    .immediate();
  addDiagnosis(temp.store.db, actor, { visitId: id, code: 'I10' });
  const dx = addDiagnosis(temp.store.db, actor, { visitId: id, text: '头晕待查' });
  closeVisit(temp.store.db, actor, id);
  amendReading(temp.store.db, actor, ids[1]!, VitalsInput.parse({ heartRate: 78 }), '复测');
  markEnteredInError(temp.store.db, actor, dx.id, '诊断重复');
  return patientId;
}

describe('patients.exportFhir', () => {
  it('returns a Bundle that validates against the official FHIR R4 JSON schema', () => {
    const bundle = exportPatientBundle(temp.store.db, 'station-1', fullRecord());
    const ok = validate(bundle);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the validator is not a rubber stamp: a wrong gender code or a misspelled field fails', () => {
    const bundle = exportPatientBundle(temp.store.db, 'station-1', fullRecord()) as {
      entry: { resource: Record<string, unknown> }[];
    };
    const patient = bundle.entry[0]!.resource;
    expect(validate({ ...bundle, entry: [{ resource: { ...patient, gender: 'robot' } }] })).toBe(false);
    expect(validate({ ...bundle, entry: [{ resource: { ...patient, birthdate: '1949-12-31' } }] })).toBe(false);
  });

  it('holds every kind of record with LOINC codes and UCUM units, and every reference resolves inside it', () => {
    const bundle = exportPatientBundle(temp.store.db, 'station-1', fullRecord()) as {
      entry: { fullUrl: string; resource: Record<string, unknown> & { resourceType: string; id: string } }[];
    };
    const types = bundle.entry.map((e) => e.resource.resourceType);
    for (const type of [
      'Patient',
      'Encounter',
      'Observation',
      'Condition',
      'AllergyIntolerance',
      'Consent',
      'Practitioner',
    ]) {
      expect(types).toContain(type);
    }
    const byType = (t: string) => bundle.entry.filter((e) => e.resource.resourceType === t).map((e) => e.resource);
    const codes = byType('Observation').map(
      (o) => (o as unknown as { code: { coding: { code: string }[] } }).code.coding[0]?.code,
    );
    expect(codes.sort()).toEqual(
      ['15074-8', '29463-7', '39156-5', '8302-2', '8310-5', '85354-9', '8867-4', '9279-1', '2708-6'].sort(),
    );
    const bp = byType('Observation').find(
      (o) => (o as unknown as { code: { coding: { code: string }[] } }).code.coding[0]?.code === '85354-9',
    ) as unknown as {
      component: {
        code: { coding: { code: string }[] };
        valueQuantity: { value: number; system: string; code: string };
      }[];
    };
    expect(
      bp.component.map((c) => [
        c.code.coding[0]?.code,
        c.valueQuantity.value,
        c.valueQuantity.system,
        c.valueQuantity.code,
      ]),
    ).toEqual([
      ['8480-6', 168, 'http://unitsofmeasure.org', 'mm[Hg]'],
      ['8462-4', 96, 'http://unitsofmeasure.org', 'mm[Hg]'],
    ]);
    const hr = byType('Observation').find(
      (o) => (o as unknown as { code: { coding: { code: string }[] } }).code.coding[0]?.code === '8867-4',
    ) as unknown as {
      status: string;
      meta: { versionId: string };
      valueQuantity: { value: number };
    };
    expect([hr.status, hr.meta.versionId, hr.valueQuantity.value]).toEqual(['amended', '2', 78]);
    const urls = new Set(bundle.entry.map((e) => e.fullUrl));
    const base = bundle.entry[0]!.fullUrl.replace(/\/Patient\/.*$/, '');
    const references = JSON.stringify(bundle).match(/"reference":"([^"]+)"/g) ?? [];
    expect(references.length).toBeGreaterThan(10);
    for (const ref of references) expect(urls).toContain(`${base}/${ref.slice(13, -1)}`);
  });

  it('refuses an unknown patient', () => {
    expect(() => exportPatientBundle(temp.store.db, 'station-1', 'nobody')).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
  });
});
