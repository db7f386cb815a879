import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_DOCTOR_ID, startCore } from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { createLogger } from '../../main/logger.js';

/** The records calls through a running core: who may call them, and what they give back. */
const PIN = '8642';
let dir: string;
let core: Core;
const call = (channel: string, input: unknown) => core.dispatcher.call(channel, input, { via: 'internal' });
const value = async <T>(channel: string, input: unknown): Promise<T> => {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${JSON.stringify(result.error.details)}`);
  return result.value as T;
};

const card = {
  name: '张三',
  sex: 'female',
  ethnicity: '汉',
  birthDate: '1949-12-31',
  address: '北京市朝阳区某街道1号',
  nationalId: '11010519491231002X',
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-records-core-'));
  core = await startCore({
    dataDir: dir,
    hubUrl: null,
    mode: 'browser',
    appVersion: 'test',
    logger: createLogger('test', 'silent'),
    demoDoctorPin: PIN,
  });
});
afterEach(async () => {
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('records calls', () => {
  it('need a signed-in doctor, and refuse while the screen is locked', async () => {
    for (const [channel, input] of [
      ['patients.search', { query: 'zs' }],
      ['patients.followUps', {}],
      ['patients.prefillFromIdCard', { card }],
      ['visits.searchDiagnoses', { query: 'gxy' }],
    ] as const) {
      const result = await call(channel, input);
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('not_signed_in');
    }
    await value('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
    expect((await call('patients.search', { query: 'zs' })).ok).toBe(true);
    await value('auth.lock', {});
    const locked = await call('patients.search', { query: 'zs' });
    expect(locked.ok ? 'ok' : locked.error.code).toBe('locked');
  });

  it('fill the form from an ID card and point at a patient already registered with it', async () => {
    await value('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
    const first = await value<{ fields: object; existingPatientId: string | null; nationalIdProblem: string | null }>(
      'patients.prefillFromIdCard',
      { card },
    );
    expect(first).toEqual({
      fields: {
        name: '张三',
        sex: 'female',
        birthDate: '1949-12-31',
        nationalId: '11010519491231002X',
        address: card.address,
      },
      existingPatientId: null,
      nationalIdProblem: null,
    });
    const { id } = await value<{ id: string }>('patients.register', {
      patient: { ...first.fields, village: '朝阳村', consent: { telemedicine: true, shareWithHub: true } },
    });
    const again = await value<{ existingPatientId: string | null }>('patients.prefillFromIdCard', { card });
    expect(again.existingPatientId).toBe(id);
    const misread = await value<{ nationalIdProblem: string | null }>('patients.prefillFromIdCard', {
      card: { ...card, nationalId: '110105194912310021' },
    });
    expect(misread.nationalIdProblem).toBe('check_digit');
  });

  it('search diagnoses by initials and register, find and export through the contract', async () => {
    await value('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
    const hits = await value<{ code: string }[]>('visits.searchDiagnoses', { query: 'gxy' });
    expect(hits.map((h) => h.code)).toContain('I10');
    const { id } = await value<{ id: string }>('patients.register', {
      patient: {
        name: card.name,
        sex: card.sex,
        birthDate: card.birthDate,
        nationalId: card.nationalId,
        village: '朝阳村',
        phone: '138 0013 8000',
        consent: { telemedicine: true, shareWithHub: false },
      },
    });
    const found = await value<{ id: string; phone: string }[]>('patients.search', { query: 'zs' });
    expect(found.map((p) => [p.id, p.phone])).toEqual([[id, '13800138000']]);
    const bundle = await value<{ resourceType: string; entry: unknown[] }>('patients.exportFhir', { id });
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.entry.length).toBeGreaterThanOrEqual(3);
  });
});
