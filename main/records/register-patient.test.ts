import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStore } from '../../test/support/temp-store.js';
import { PatientInput } from '../../contract/records/patient.js';
import type { PatientInput as PatientInputType } from '../../contract/records/patient.js';
import type { Actor } from './ledger.js';
import { consentFacts } from './fhir-resources.js';
import type { Resource } from './fhir-resources.js';
import { searchPatients } from './patient-search.js';
import { registerPatient } from './register-patient.js';
import { verifyAudit } from './verify-audit.js';

const actor: Actor = { userId: 'u-1', stationId: 's-1' };
const temp = useTempStore(actor, 'Dr');

// 11010519491231002X is the worked example of GB 11643: born 1949-12-31, female.
const zhang: PatientInputType = {
  name: '张三',
  sex: 'female',
  birthDate: '1949-12-31',
  nationalId: '11010519491231002X',
  phone: '13800138000',
  village: '东山村',
  allergies: [{ substance: '青霉素', severity: 'severe' }],
  chronicConditions: ['hypertension'],
  consent: { telemedicine: true, shareWithHub: true },
};

const register = (input: PatientInputType, options = {}) =>
  registerPatient(temp.store.db, actor, PatientInput.parse(input), options);
const count = (table: string) => (temp.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as {
      code: string;
      details?: { recordId?: string; candidates?: { id: string }[]; issues?: { code: string }[] };
    };
  }
  throw new Error('expected a refusal');
};

describe('registerPatient', () => {
  it('writes patient, consent, allergy and condition with outbox and audit entries in one go', () => {
    const { id } = register(zhang);
    expect(
      temp.store.db
        .prepare('SELECT type FROM records WHERE patient_id = ? ORDER BY type')
        .all(id)
        .map((r) => (r as { type: string }).type),
    ).toEqual(['AllergyIntolerance', 'Condition', 'Consent', 'Patient']);
    expect(count('outbox')).toBe(4);
    expect(count('audit_log')).toBe(4);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
    const consent = JSON.parse(
      (temp.store.db.prepare("SELECT body FROM records WHERE type = 'Consent'").get() as { body: string }).body,
    ) as Resource;
    expect(consentFacts(consent)).toMatchObject({ telemedicine: true, shareWithHub: true, capturedBy: 'u-1' });
  });

  it('finds the patient by name, pinyin, initials, ID part and phone', () => {
    const { id } = register(zhang);
    for (const query of [
      '张三',
      '张',
      'zhangsan',
      'zhang',
      'zs',
      'ZS',
      '19491231',
      '1231002x',
      '0138000',
      '13800138000',
    ]) {
      expect(
        searchPatients(temp.store.db, query).map((p) => p.id),
        query,
      ).toEqual([id]);
    }
    expect(searchPatients(temp.store.db, '李四')).toEqual([]);
    expect(searchPatients(temp.store.db, '123')).toEqual([]); // fewer than 4 digits
    const [hit] = searchPatients(temp.store.db, 'zs');
    expect(hit).toMatchObject({
      name: '张三',
      sex: 'female',
      village: '东山村',
      nationalIdMasked: expect.not.stringContaining('19491231'),
    });
  });

  it('refuses an exact national-ID match and points at the existing patient', () => {
    const { id } = register(zhang);
    const refusal = code(() => register({ ...zhang, name: '张叁', phone: undefined }));
    expect(refusal.code).toBe('duplicate_national_id');
    expect(refusal.details?.recordId).toBe(id);
    expect(count('records')).toBe(4);
  });

  it('shows likely duplicates first and registers once the doctor says they are other people', () => {
    const first = register({ ...zhang, nationalId: undefined });
    const second = { ...zhang, nationalId: undefined, name: '章三', phone: undefined }; // same pinyin, same birth date
    const refusal = code(() => register(second));
    expect(refusal.code).toBe('possible_duplicate');
    expect(refusal.details?.candidates?.map((c) => c.id)).toEqual([first.id]);
    expect(register(second, { notDuplicateOf: [first.id] }).id).not.toBe(first.id);
  });

  it('treats the same phone with a similar name as a likely duplicate', () => {
    register({ ...zhang, nationalId: undefined });
    const refusal = code(() => register({ ...zhang, nationalId: undefined, name: '张山', birthDate: '1950-01-01' }));
    expect(refusal.code).toBe('possible_duplicate');
  });

  it('refuses an ID with a wrong check digit, and a birth date or sex that disagrees with the ID', () => {
    expect(code(() => register({ ...zhang, nationalId: '110105194912310021' })).details?.issues?.[0]?.code).toBe(
      'national_id.check_digit',
    );
    const mismatch = code(() => register({ ...zhang, birthDate: '1950-12-31' }));
    expect(mismatch.details?.issues?.map((i) => i.code)).toEqual(['national_id.mismatch_birthDate']);
    expect(count('records')).toBe(0);
    expect(register({ ...zhang, birthDate: '1950-12-31' }, { acceptIdMismatch: true }).id).toBeTruthy();
  });

  it('a refused registration leaves the database file as it was', () => {
    register(zhang);
    temp.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const digest = () =>
      createHash('sha256')
        .update(readFileSync(join(temp.dir, 'station.db')))
        .digest('hex');
    const before = digest();
    code(() => register({ ...zhang, name: '张叁' }));
    temp.store.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(digest()).toBe(before);
  });
});
