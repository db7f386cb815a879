/** The admin API's enrollment codes and stations. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { enrollmentCodeDigest } from '../sync/enrollment-code.js';
import { CreatedEnrollmentCode, EnrollmentCodeList, StationList } from './admin-wire.js';
import { errorOf, useAdminHub } from './admin-api.testing.js';

const kit = useAdminHub();
const { call, signIn, count, insertStation } = kit;

describe('enrollment codes', () => {
  it('returns a new code once and stores only its digest', async () => {
    const cookie = await signIn();
    const before = Date.now();
    const response = await call('POST', '/enrollment-codes', {
      cookie,
      body: { name: '大洼村卫生室', validHours: 24 },
    });
    expect(response.statusCode).toBe(201);
    const created = CreatedEnrollmentCode.parse(response.json());
    expect(created.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(created.name).toBe('大洼村卫生室');
    expect(Date.parse(created.expiresAt) - before).toBeGreaterThan(24 * 3600 * 1000 - 5000);
    expect(Date.parse(created.expiresAt) - Date.now()).toBeLessThanOrEqual(24 * 3600 * 1000 + 5000);

    const rows = await kit.db.query<Record<string, unknown>>('SELECT * FROM enrollment_codes WHERE name = $1', [
      '大洼村卫生室',
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ code_sha256: enrollmentCodeDigest(created.code), created_by: 'admin' });
    const bare = created.code.replace(/-/g, '');
    expect(JSON.stringify(rows)).not.toContain(bare);

    const list = await call('GET', '/enrollment-codes', { cookie });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(bare);
    expect(list.body).not.toContain(enrollmentCodeDigest(created.code));
    const listed = EnrollmentCodeList.parse(list.json()).codes.find((code) => code.name === '大洼村卫生室');
    expect(listed).toMatchObject({ createdBy: 'admin', usedAt: null, stationId: null, expiresAt: created.expiresAt });
  });

  it('gives a code 72 hours when no validity is asked for', async () => {
    const cookie = await signIn();
    const response = await call('POST', '/enrollment-codes', { cookie, body: { name: 'Default validity' } });
    const { expiresAt } = CreatedEnrollmentCode.parse(response.json());
    expect(Math.round((Date.parse(expiresAt) - Date.now()) / 3600_000)).toBe(72);
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const cookie = await signIn();
    const codes = await count('enrollment_codes');
    for (const body of [
      {},
      { name: '' },
      { name: '   ' },
      { name: 'x'.repeat(101) },
      { name: 'Ok', validHours: 0 },
      { name: 'Ok', validHours: 721 },
      { name: 'Ok', validHours: 1.5 },
      { name: 'Ok', validHours: '72' },
      { name: 'Ok', code: 'AAAA-BBBB-CCCC-DDDD' },
      null,
    ]) {
      const response = await call('POST', '/enrollment-codes', { cookie, body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(response).error).toBe('invalid_input');
    }
    const huge = await call('POST', '/enrollment-codes', { cookie, body: { name: 'x', pad: 'y'.repeat(20_000) } });
    expect(huge.statusCode).toBe(413);
    expect(errorOf(huge).error).toBe('payload_too_large');
    expect(await count('enrollment_codes')).toBe(codes);
  });
});

describe('stations', () => {
  it('lists stations with their state, last contact and record count', async () => {
    const cookie = await signIn();
    const enrolled = await insertStation('Record keeper');
    for (const version of [1, 2]) {
      await kit.db.query(
        `INSERT INTO hub_records (record_id, version, station_id, type, patient_id, status, lane, body, body_sha256,
                                  recorded_at, recorded_by)
         VALUES ($1, $2, $3, 'Observation', $4, 'final', 'routine', '{}', 'x', now(), 'doctor')`,
        [randomUUID(), version, enrolled, randomUUID()],
      );
    }
    const response = await call('GET', '/stations', { cookie });
    expect(response.statusCode).toBe(200);
    const station = StationList.parse(response.json()).stations.find((s) => s.stationId === enrolled);
    expect(station).toMatchObject({ name: 'Record keeper', appVersion: '0.9.0', revokedAt: null, recordCount: 2 });
    expect(station?.enrolledAt).not.toBeNull();
  });

  it('revokes a station once: a second revoke keeps the first time', async () => {
    const cookie = await signIn();
    const stationId = await insertStation();
    const first = await call('POST', `/stations/${stationId}/revoke`, { cookie });
    expect(first.statusCode).toBe(200);
    const { revokedAt } = first.json<{ revokedAt: string }>();
    expect(Math.abs(Date.parse(revokedAt) - Date.now())).toBeLessThan(5000);
    const second = await call('POST', `/stations/${stationId}/revoke`, { cookie });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toEqual({ stationId, revokedAt });
    const listed = StationList.parse((await call('GET', '/stations', { cookie })).json()).stations;
    expect(listed.find((s) => s.stationId === stationId)?.revokedAt).toBe(revokedAt);
  });

  it('answers 404 for an unknown station and 400 for a malformed id, changing nothing', async () => {
    const cookie = await signIn();
    const stations = await kit.db.query('SELECT station_id, revoked_at FROM stations ORDER BY station_id');
    const unknown = await call('POST', `/stations/${randomUUID()}/revoke`, { cookie });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).error).toBe('not_found');
    const malformed = await call('POST', '/stations/not-a-uuid/revoke', { cookie });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).error).toBe('invalid_input');
    expect(await kit.db.query('SELECT station_id, revoked_at FROM stations ORDER BY station_id')).toEqual(stations);
  });
});
