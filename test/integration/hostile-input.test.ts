import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databasePath, DEMO_DOCTOR_ID, startCore } from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { createLogger } from '../../main/logger.js';

/**
 * Hostile input against the intake and visit calls of a running core: every row must be
 * refused with a typed error and leave every table of the database exactly as it was.
 */
const PIN = '1357';
let dir: string;
let core: Core;
let visitId: string;
let patientId: string;

const call = (channel: string, input: unknown) => core.dispatcher.call(channel, input, { via: 'internal' });

/** A digest of every row of every table, read through a separate connection. */
function databaseDigest(): string {
  const db = new Database(databasePath(dir), { readonly: true });
  try {
    const hash = createHash('sha256');
    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'patient_search_%' ORDER BY name",
      )
      .all();
    for (const { name } of tables) {
      hash.update(name);
      for (const row of db.prepare(`SELECT * FROM "${name}"`).raw().iterate()) hash.update(JSON.stringify(row));
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

const validPatient = {
  name: '赵大山',
  sex: 'male',
  birthDate: '1962-05-17',
  nationalId: '', // filled in beforeAll
  village: '南岭村',
  consent: { telemedicine: true, shareWithHub: true },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-hostile-'));
  core = await startCore({
    dataDir: dir,
    hubUrl: null,
    mode: 'browser',
    appVersion: 'test',
    logger: createLogger('test', 'silent'),
    demoDoctorPin: PIN,
  });
  expect((await call('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN })).ok).toBe(true);
  const registered = await call('patients.register', { patient: { ...validPatient, nationalId: undefined } });
  if (!registered.ok) throw new Error(registered.error.code);
  patientId = (registered.value as { id: string }).id;
  const opened = await call('visits.open', { patientId, reason: 'illness' });
  if (!opened.ok) throw new Error(opened.error.code);
  visitId = (opened.value as { id: string }).id;
});

afterAll(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

const huge = 'x'.repeat(10 * 1024 * 1024);
const patient = (override: Record<string, unknown>) => ({
  patient: { ...validPatient, nationalId: undefined, name: '钱小红', ...override },
});

const hostile: [string, string, unknown, string][] = [
  ['SQL in a name', 'patients.register', patient({ name: "'); DROP TABLE records; --" }), 'invalid_input'],
  ['10 MB name', 'patients.register', patient({ name: huge }), 'invalid_input'],
  ['10 MB village', 'patients.register', patient({ village: huge }), 'invalid_input'],
  ['control characters in a name', 'patients.register', patient({ name: '钱\u0000小红' }), 'invalid_input'],
  ['bidi override in an address', 'patients.register', patient({ address: 'abc\u202Edef' }), 'invalid_input'],
  ['emoji-only name', 'patients.register', patient({ name: '😀😀' }), 'invalid_input'],
  ['empty name', 'patients.register', patient({ name: '   ' }), 'invalid_input'],
  ['impossible date', 'patients.register', patient({ birthDate: '1990-02-30' }), 'invalid_input'],
  ['future birth date', 'patients.register', patient({ birthDate: '2999-01-01' }), 'invalid_input'],
  ['date in another format', 'patients.register', patient({ birthDate: '17/05/1962' }), 'invalid_input'],
  ['wrong check digit', 'patients.register', patient({ nationalId: '110105194912310021' }), 'invalid_input'],
  ['ID of letters', 'patients.register', patient({ nationalId: 'ABCDEFGHIJKLMNOPQR' }), 'invalid_input'],
  ['sex outside the list', 'patients.register', patient({ sex: 'unknown' }), 'invalid_input'],
  ['number as a name', 'patients.register', patient({ name: 42 }), 'invalid_input'],
  ['array as a name', 'patients.register', patient({ name: ['钱'] }), 'invalid_input'],
  ['object as birth date', 'patients.register', patient({ birthDate: { $gt: '' } }), 'invalid_input'],
  ['consent missing', 'patients.register', patient({ consent: undefined }), 'invalid_input'],
  ['consent as a string', 'patients.register', patient({ consent: 'yes' }), 'invalid_input'],
  ['unknown field', 'patients.register', patient({ isAdmin: true }), 'invalid_input'],
  ['prototype pollution', 'patients.register', JSON.parse('{"patient":{"__proto__":{"polluted":1}}}'), 'invalid_input'],
  ['phone with letters', 'patients.register', patient({ phone: '1380013800a' }), 'invalid_input'],
  ['unknown chronic condition', 'patients.register', patient({ chronicConditions: ['vampirism'] }), 'invalid_input'],
  ['null input', 'patients.register', null, 'invalid_input'],
  [
    'systolic 400 mmHg',
    'visits.recordVitals',
    { visitId: 'V', vitals: { systolic: 400, diastolic: 80 } },
    'invalid_input',
  ],
  ['negative weight', 'visits.recordVitals', { visitId: 'V', vitals: { weight: -3 } }, 'invalid_input'],
  ['temperature as a string', 'visits.recordVitals', { visitId: 'V', vitals: { temperature: '37' } }, 'invalid_input'],
  [
    'NaN heart rate (as JSON sends it)',
    'visits.recordVitals',
    { visitId: 'V', vitals: { heartRate: null } },
    'invalid_input',
  ],
  [
    'systolic below diastolic',
    'visits.recordVitals',
    { visitId: 'V', vitals: { systolic: 70, diastolic: 90 } },
    'invalid_input',
  ],
  ['no values', 'visits.recordVitals', { visitId: 'V', vitals: {} }, 'invalid_input'],
  [
    'vitals for an unknown visit',
    'visits.recordVitals',
    { visitId: "x' OR '1'='1", vitals: { heartRate: 70 } },
    'not_found',
  ],
  ['10 MB history', 'visits.saveNotes', { visitId: 'V', history: huge }, 'invalid_input'],
  ['control characters in a plan', 'visits.saveNotes', { visitId: 'V', plan: 'ok\u0007' }, 'invalid_input'],
  ['diagnosis code of SQL', 'visits.addDiagnosis', { visitId: 'V', code: "I10'; --" }, 'invalid_input'],
  ['empty diagnosis', 'visits.addDiagnosis', { visitId: 'V', text: '' }, 'invalid_input'],
  ['visit for an unknown patient', 'visits.open', { patientId: 'nobody', reason: 'illness' }, 'not_found'],
  ['visit reason outside the list', 'visits.open', { patientId: 'P', reason: 'party' }, 'invalid_input'],
  ['a second open visit', 'visits.open', { patientId: 'P', reason: 'illness' }, 'visit_already_open'],
];

describe('hostile input to intake and visits', () => {
  it.each(hostile)('%s is refused and changes nothing', async (_label, channel, rawInput, expected) => {
    const input = JSON.parse(
      JSON.stringify(rawInput ?? null)
        .replaceAll('"V"', JSON.stringify(visitId))
        .replaceAll('"P"', JSON.stringify(patientId)),
    ) as unknown;
    const before = databaseDigest();
    const result = await call(channel, input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(expected);
    expect(result.error.messageKey).toBe(`errors.${result.error.code}`);
    expect(databaseDigest()).toBe(before);
  });

  it('the store still works after all of it, and the audit chain holds', async () => {
    const ok = await call('visits.recordVitals', { visitId, vitals: { heartRate: 72 } });
    expect(ok.ok).toBe(true);
    const audit = await call('station.verifyAudit', {});
    expect(audit.ok && (audit.value as { ok: boolean }).ok).toBe(true);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
