import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db.js';
import type { HubDb } from '../db.js';
import { readHubConfig } from '../hub-config.js';
import { migrate } from '../migrate.js';
import { enrollmentCodeDigest } from '../sync/enrollment-code.js';
import { checkAdminPassword } from './admin-users.js';
import { BOOTSTRAP_CODE_HOURS, bootstrapFromConfig } from './bootstrap.js';
import { DEFAULT_BOOTSTRAP_STATION_NAME, readAdminBootstrap } from './bootstrap-config.js';
import { createEnrollmentCode } from './enrollment-codes.js';

const CODE = 'DEMO-7K2M-QX9D-4HPA';

describe('readAdminBootstrap', () => {
  it('reads nothing when nothing is set, or only blanks', () => {
    expect(readAdminBootstrap({})).toEqual({});
    expect(
      readAdminBootstrap({ HUB_ADMIN_USER: '', HUB_ADMIN_PASSWORD: '', HUB_BOOTSTRAP_ENROLLMENT_CODE: '' }),
    ).toEqual({});
  });

  it('reads the admin and the bootstrap code, with a default station name', () => {
    const env = { HUB_ADMIN_USER: 'root', HUB_ADMIN_PASSWORD: 'long enough', HUB_BOOTSTRAP_ENROLLMENT_CODE: CODE };
    expect(readAdminBootstrap(env)).toEqual({
      admin: { username: 'root', password: 'long enough' },
      bootstrapEnrollment: { code: CODE, stationName: DEFAULT_BOOTSTRAP_STATION_NAME },
    });
    expect(readAdminBootstrap({ ...env, HUB_BOOTSTRAP_STATION_NAME: ' 演示卫生室 ' }).bootstrapEnrollment).toEqual({
      code: CODE,
      stationName: '演示卫生室',
    });
  });

  it('is part of the hub configuration', () => {
    const config = readHubConfig({ HUB_ADMIN_USER: 'root', HUB_ADMIN_PASSWORD: 'long enough' }, '/srv');
    expect(config.admin).toEqual({ username: 'root', password: 'long enough' });
    expect(readHubConfig({}, '/srv')).not.toHaveProperty('admin');
  });

  it('names each bad variable and never echoes the password', () => {
    const refused = (env: NodeJS.ProcessEnv): string => {
      try {
        readAdminBootstrap(env);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused({ HUB_ADMIN_USER: 'root' })).toMatch(/go together[\s\S]*HUB_ADMIN_PASSWORD/);
    expect(refused({ HUB_ADMIN_PASSWORD: 'long enough' })).toMatch(/go together[\s\S]*HUB_ADMIN_USER/);
    const short = refused({ HUB_ADMIN_USER: 'root', HUB_ADMIN_PASSWORD: 'sh0rt' });
    expect(short).toMatch(/at least 8[\s\S]*HUB_ADMIN_PASSWORD/);
    expect(short).not.toContain('sh0rt');
    expect(refused({ HUB_ADMIN_USER: 'has space', HUB_ADMIN_PASSWORD: 'long enough' })).toMatch(/HUB_ADMIN_USER/);
    expect(refused({ HUB_BOOTSTRAP_ENROLLMENT_CODE: CODE })).toMatch(/needs HUB_ADMIN_USER/);
    const admin = { HUB_ADMIN_USER: 'root', HUB_ADMIN_PASSWORD: 'long enough' };
    expect(refused({ ...admin, HUB_BOOTSTRAP_ENROLLMENT_CODE: 'SHORT-CODE' })).toMatch(/HUB_BOOTSTRAP_ENROLLMENT_CODE/);
    expect(refused({ ...admin, HUB_BOOTSTRAP_ENROLLMENT_CODE: 'ÄÖÜ!ÄÖÜ!ÄÖÜ!ÄÖÜ!ÄÖÜ!' })).toMatch(
      /HUB_BOOTSTRAP_ENROLLMENT_CODE/,
    );
    expect(() => readHubConfig({ HUB_ADMIN_USER: 'root' })).toThrow(/Invalid hub configuration/);
  });
});

describe('bootstrapFromConfig', () => {
  let db: HubDb;
  const lines: Array<{ level: string; fields: object; message: string }> = [];
  // A logger that keeps what it is told, to check what the hub reports (and that no secret leaks).
  const logger = {
    info: (fields: object, message: string) => void lines.push({ level: 'info', fields, message }),
    warn: (fields: object, message: string) => void lines.push({ level: 'warn', fields, message }),
  } as Parameters<typeof bootstrapFromConfig>[2];

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    // Creating PGlite takes seconds, far more while the whole suite shares two cores.
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });

  const codeRow = async () =>
    (
      await db.query<{ name: string; created_by: string; used_at: Date | null; hours: number }>(
        `SELECT name, created_by, used_at, round(extract(epoch FROM expires_at - now()) / 3600)::int AS hours
           FROM enrollment_codes WHERE code_sha256 = $1`,
        [enrollmentCodeDigest(CODE)],
      )
    )[0];

  it('creates the admin when absent and never changes an existing admin password', async () => {
    await bootstrapFromConfig(db, { admin: { username: 'root', password: 'first password' } }, logger);
    expect(await checkAdminPassword(db, 'root', 'first password')).toBe(true);
    expect(lines.at(-1)).toMatchObject({ level: 'info', message: 'admin created from HUB_ADMIN_USER' });

    const before = lines.length;
    await bootstrapFromConfig(db, { admin: { username: 'root', password: 'first password' } }, logger);
    expect(lines.length).toBe(before);

    await bootstrapFromConfig(db, { admin: { username: 'root', password: 'second password' } }, logger);
    expect(await checkAdminPassword(db, 'root', 'first password')).toBe(true);
    expect(await checkAdminPassword(db, 'root', 'second password')).toBe(false);
    expect(lines.at(-1)).toMatchObject({ level: 'warn', fields: { username: 'root' } });
    expect(lines.at(-1)?.message).toMatch(/NOT changed/);
    expect(JSON.stringify(lines)).not.toMatch(/first password|second password/);
  });

  it('keeps the bootstrap code ready across restarts, and leaves it alone once used', async () => {
    const config = {
      admin: { username: 'root', password: 'first password' },
      bootstrapEnrollment: { code: CODE, stationName: '演示卫生室' },
    };
    await bootstrapFromConfig(db, config, logger);
    expect(await codeRow()).toEqual({
      name: '演示卫生室',
      created_by: 'root',
      used_at: null,
      hours: BOOTSTRAP_CODE_HOURS,
    });
    expect(lines.at(-1)?.fields).toEqual({ outcome: 'created', station: '演示卫生室' });

    // A later start, after the code lost some of its validity: renewed, still one row.
    await db.query("UPDATE enrollment_codes SET expires_at = now() + interval '1 hour'");
    await bootstrapFromConfig(db, config, logger);
    expect((await codeRow())?.hours).toBe(BOOTSTRAP_CODE_HOURS);
    expect(lines.at(-1)?.fields).toMatchObject({ outcome: 'renewed' });
    expect(await db.query('SELECT count(*)::int AS n FROM enrollment_codes')).toEqual([{ n: 1 }]);

    // A station enrolled with it: the next start changes nothing.
    await db.query("UPDATE enrollment_codes SET used_at = now(), expires_at = now() + interval '1 hour'");
    await bootstrapFromConfig(db, config, logger);
    const used = await codeRow();
    expect(used?.used_at).not.toBeNull();
    expect(used?.hours).toBe(1);
    expect(lines.at(-1)?.fields).toMatchObject({ outcome: 'already_used' });
    expect(JSON.stringify(lines)).not.toContain(CODE.replace(/-/g, ''));
    expect(JSON.stringify(lines)).not.toContain(CODE);
  });

  it('finds the code however it is written (case, dashes, confusable letters)', async () => {
    const created = await createEnrollmentCode(db, {
      name: 'Given',
      createdBy: 'root',
      validHours: 1,
      code: 'ab1c-def0-ghjk-mnpq',
    });
    expect(created.code).toBe('ab1c-def0-ghjk-mnpq');
    const rows = await db.query('SELECT name FROM enrollment_codes WHERE code_sha256 = $1', [
      enrollmentCodeDigest('ABLC DEFO GHJK MNPQ'),
    ]);
    expect(rows).toEqual([{ name: 'Given' }]);
  });

  it('refuses bad codes and validities from other callers, storing nothing', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM enrollment_codes');
    const base = { name: 'X', createdBy: 'root', validHours: 1 };
    await expect(createEnrollmentCode(db, { ...base, code: 'TOO-SHORT' })).rejects.toThrow(/16 to 64/);
    await expect(createEnrollmentCode(db, { ...base, validHours: 0 })).rejects.toThrow(/validHours/);
    await expect(createEnrollmentCode(db, { ...base, name: ' ' })).rejects.toThrow(/name/);
    await expect(createEnrollmentCode(db, { ...base, createdBy: 'nobody' })).rejects.toThrow();
    expect(await db.query('SELECT count(*)::int AS n FROM enrollment_codes')).toEqual(before);
  });
});
