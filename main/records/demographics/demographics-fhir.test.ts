import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import {
  demographicStateOf,
  demographicValuesOf,
  FIELD_CLOCKS_URL,
  fieldStampsOf,
  PatientBodyError,
  registrationStamp,
  uuidV7Time,
  withFieldStamps,
} from '../../../contract/records/demographics-fhir.js';
import { DEMOGRAPHIC_FIELDS } from '../../../contract/records/demographics.js';
import { decodeHlc, encodeHlc } from '../../../contract/sync/hlc.js';
import { EXTENSIONS, patientFacts, patientResource, SYSTEMS } from '../fhir-resources.js';
import type { PatientFacts } from '../fhir-resources.js';

const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
const arbFacts: fc.Arbitrary<PatientFacts> = fc.record({
  name: text(32),
  sex: fc.constantFrom('male' as const, 'female' as const),
  birthDate: fc.constantFrom('1949-12-31', '2001-02-03'),
  nationalId: fc.option(fc.constantFrom('11010519491231002X', '320583196005050016'), { nil: null }),
  phone: fc.option(fc.stringMatching(/^1[3-9]\d{9}$/), { nil: null }),
  village: text(64),
  address: fc.option(text(200), { nil: null }),
  insuranceNumber: fc.option(fc.stringMatching(/^[0-9A-Za-z]{1,32}$/), { nil: null }),
  emergencyContact: fc.option(
    fc.record({
      name: text(32),
      relationship: fc.option(text(16), { nil: null }),
      phone: fc.stringMatching(/^1[3-9]\d{9}$/),
    }),
    { nil: null },
  ),
});

describe('the hub’s reading of a station Patient resource', () => {
  it('gives back exactly what the station wrote and reads, field by field', () => {
    fc.assert(
      fc.property(arbFacts, (facts) => {
        const body = patientResource(uuidv7(), facts);
        expect(demographicValuesOf(body)).toEqual(facts);
        expect(demographicValuesOf(body)).toEqual(patientFacts(body));
      }),
    );
  });

  it('names the same systems and extensions as the station’s resource builder', () => {
    const body = JSON.stringify(
      patientResource('p', {
        name: '张三',
        sex: 'female',
        birthDate: '1949-12-31',
        nationalId: '11010519491231002X',
        phone: null,
        village: '东山村',
        address: null,
        insuranceNumber: 'A1',
        emergencyContact: null,
      }),
    );
    for (const url of [SYSTEMS.nationalId, SYSTEMS.insurance, EXTENSIONS.village]) expect(body).toContain(url);
    expect(FIELD_CLOCKS_URL.startsWith(EXTENSIONS.village.replace(/village$/, ''))).toBe(true);
  });

  it('refuses what is not a readable Patient', () => {
    for (const body of [null, 'Patient', {}, { resourceType: 'Observation' }, { resourceType: 'Patient', name: [] }])
      expect(() => demographicValuesOf(body)).toThrow(PatientBodyError);
    const longName = patientResource('p', { ...(fc.sample(arbFacts, 1)[0] as PatientFacts), name: 'x'.repeat(33) });
    expect(() => demographicValuesOf(longName)).toThrow(PatientBodyError);
  });
});

describe('field clocks in the resource', () => {
  const id = uuidv7();
  const base = patientResource(id, fc.sample(arbFacts, 1)[0] as PatientFacts);

  it('round-trip, replace an earlier set, and leave other extensions alone', () => {
    const stamp = { hlc: encodeHlc({ wall: 5, counter: 0, node: 'st' }), prev: null, origin: 'st', by: 'u-1' };
    const once = withFieldStamps(base, { phone: stamp });
    const twice = withFieldStamps(once, { name: stamp });
    expect(fieldStampsOf(twice)).toEqual({ name: stamp });
    expect((twice.extension as { url: string }[]).map((e) => e.url)).toEqual([EXTENSIONS.village, FIELD_CLOCKS_URL]);
  });

  it('default to the registration stamp, from the patient id’s UUIDv7 time and the owning station', () => {
    const state = demographicStateOf(base, id, 'station-1');
    const registered = registrationStamp(id, 'station-1');
    expect(decodeHlc(registered.hlc)).toEqual({ wall: uuidV7Time(id), counter: 0, node: 'station-1' });
    expect(Math.abs(uuidV7Time(id) - Date.now())).toBeLessThan(60_000);
    for (const field of DEMOGRAPHIC_FIELDS) expect(state[field]).toMatchObject(registered);
    expect(uuidV7Time('6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(0);
  });

  it('refuse malformed clocks rather than guess', () => {
    const broken = (valueString: string) => ({ ...base, extension: [{ url: FIELD_CLOCKS_URL, valueString }] });
    expect(() => fieldStampsOf(broken('{'))).toThrow(PatientBodyError);
    expect(() => fieldStampsOf(broken('{"phone":{"hlc":"soon","prev":null,"origin":"x","by":null}}'))).toThrow(
      PatientBodyError,
    );
    expect(() => fieldStampsOf(broken('{"shoeSize":{}}'))).toThrow(PatientBodyError);
  });
});
