import { describe, expect, it } from 'vitest';
import type { PatientRecord } from '../../../../contract/records/patient.js';
import { changesFrom, checkChanges, draftFromPatient, rebaseDraft } from './demographics-draft.js';

const patient: PatientRecord = {
  id: 'p-1',
  name: '张三',
  sex: 'female',
  birthDate: '1949-12-31',
  age: 75,
  village: '东山村',
  nationalIdMasked: null,
  phone: '13800138000',
  lastVisitAt: null,
  version: 3,
  nationalId: null,
  address: null,
  insuranceNumber: 'A1',
  emergencyContact: { name: '张四', relationship: null, phone: '13700137000' },
  allergies: [],
  chronicConditions: [],
  consent: null,
  registeredAt: '2025-01-01T00:00:00Z',
  openVisitId: null,
};

describe('the demographics edit draft', () => {
  it('sends nothing when nothing changed, and only the fields that did', () => {
    const original = draftFromPatient(patient);
    expect(changesFrom(original, original)).toEqual({});
    expect(changesFrom(original, { ...original, name: ' 张三 ', village: '西山村' })).toEqual({ village: '西山村' });
  });

  it('clears emptied optional fields and sends the emergency contact whole', () => {
    const original = draftFromPatient(patient);
    expect(
      changesFrom(original, { ...original, phone: '', insuranceNumber: ' ', contactRelationship: '儿子' }),
    ).toEqual({
      phone: null,
      insuranceNumber: null,
      emergencyContact: { name: '张四', relationship: '儿子', phone: '13700137000' },
    });
    expect(changesFrom(original, { ...original, contactName: '', contactPhone: '' })).toEqual({
      emergencyContact: null,
    });
  });

  it('sends a national ID only where none is recorded', () => {
    const without = draftFromPatient(patient);
    expect(changesFrom(without, { ...without, nationalId: '11010519491231002X' })).toEqual({
      nationalId: '11010519491231002X',
    });
    const withId = draftFromPatient({ ...patient, nationalId: '11010519491231002X' });
    expect(changesFrom(withId, { ...withId, nationalId: '' })).toEqual({});
  });

  it('finds problems with the contract’s own rules, by field', () => {
    const original = draftFromPatient(patient);
    const issues = checkChanges(changesFrom(original, { ...original, name: '', phone: '123', contactPhone: 'x' }));
    expect(issues.map((i) => `${i.path.join('.')}:${i.message}`).sort()).toEqual([
      'emergencyContact.phone:phone.format',
      'name:text.required',
      'phone:phone.format',
    ]);
    expect(checkChanges({ village: '西山村' })).toEqual([]);
  });

  it('moves onto a newer version keeping only what the doctor changed', () => {
    const old = draftFromPatient(patient);
    const newer = draftFromPatient({ ...patient, version: 4, phone: '13700137000', village: '西山村' });
    const typed = { ...old, village: '北山村', address: '三组' };
    const rebased = rebaseDraft(typed, old, newer);
    expect(rebased).toEqual({ ...newer, village: '北山村', address: '三组' });
    expect(changesFrom(newer, rebased)).toEqual({ village: '北山村', address: '三组' });
  });
});
