import { createHash, randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub } from '../app.js';
import { openPglite } from '../db.js';
import type { HubDb } from '../db.js';
import { migrate } from '../migrate.js';
import { enrollmentCodeDigest } from '../sync/enrollment-code.js';
import { ensureAdminUser } from './admin-users.js';
import { AdminErrorBody, CreatedEnrollmentCode, EnrollmentCodeList, StationList } from './admin-wire.js';
import { FREE_ATTEMPTS } from './login-throttle.js';
import { SESSION_COOKIE } from './sessions.js';

const PASSWORD = 'correct horse battery';
const HOST = 'hub.test:8710';

// One PGlite for the file (it takes seconds to start); each test uses its own admin or rows.
let db: HubDb;
let app: FastifyInstance;

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  await ensureAdminUser(db, 'admin', PASSWORD);
  app = await buildHub({ db, version: '1.0.0', logger: false });
  // Creating PGlite takes seconds, far more while the whole suite shares two cores.
}, 60_000);
afterAll(async () => {
  await app.close();
  await db.close();
});

type Method = 'GET' | 'POST';

/** A request as the console sends it: same-origin, JSON, with the session cookie when given. */
function call(
  method: Method,
  path: string,
  options: { cookie?: string; body?: unknown; headers?: Record<string, string>; hub?: FastifyInstance } = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { host: HOST };
  if (method === 'POST') {
    headers['content-type'] = 'application/json';
    headers.origin = `http://${HOST}`;
  }
  if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
  return (options.hub ?? app).inject({
    method,
    url: `/api/admin${path}`,
    headers: { ...headers, ...options.headers },
    ...(method === 'POST' ? { payload: JSON.stringify(options.body === undefined ? {} : options.body) } : {}),
  });
}

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return cookie.value;
}

async function signIn(username = 'admin', password = PASSWORD, hub?: FastifyInstance): Promise<string> {
  return sessionCookie(await call('POST', '/login', { body: { username, password }, ...(hub ? { hub } : {}) }));
}

function errorOf(response: LightMyRequestResponse): AdminErrorBody {
  return AdminErrorBody.parse(response.json());
}

const count = async (table: string): Promise<number> =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;

async function insertStation(name: string | null = 'Test station'): Promise<string> {
  const stationId = randomUUID();
  await db.query(
    `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name, enrolled_at)
     VALUES ($1, '0.9.0', now(), now(), $2, now())`,
    [stationId, name],
  );
  return stationId;
}

describe('POST /api/admin/login', () => {
  it('opens a 12-hour session in an HttpOnly, SameSite=Strict cookie, storing only its hash', async () => {
    const before = Date.now();
    const response = await call('POST', '/login', { body: { username: 'admin', password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ username: string; expiresAt: string }>();
    expect(body.username).toBe('admin');
    const twelveHours = 12 * 3600 * 1000;
    expect(Date.parse(body.expiresAt)).toBeGreaterThanOrEqual(before + twelveHours - 5000);
    expect(Date.parse(body.expiresAt)).toBeLessThanOrEqual(Date.now() + twelveHours + 5000);

    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
    expect(cookie.secure).toBeFalsy();
    const stored = await db.query<{ token_sha256: string }>('SELECT token_sha256 FROM admin_sessions');
    const tokenHash = createHash('sha256').update(cookie.value).digest('hex');
    expect(stored.map((row) => row.token_sha256)).toContain(tokenHash);
    expect(stored.map((row) => row.token_sha256)).not.toContain(cookie.value);
  });

  it('marks the cookie Secure when the request came over https', async () => {
    const response = await call('POST', '/login', {
      body: { username: 'admin', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((c) => c.name === SESSION_COOKIE)?.secure).toBe(true);
  });

  it('refuses a wrong password and an unknown user alike, opening no session', async () => {
    await ensureAdminUser(db, 'wrong-pw', PASSWORD);
    const sessions = await count('admin_sessions');
    const wrong = await call('POST', '/login', { body: { username: 'wrong-pw', password: 'not the password' } });
    const unknown = await call('POST', '/login', { body: { username: 'nobody', password: PASSWORD } });
    for (const response of [wrong, unknown]) {
      expect(response.statusCode).toBe(401);
      expect(errorOf(response)).toEqual({ error: 'invalid_credentials', message: 'wrong username or password' });
      expect(response.cookies).toEqual([]);
    }
    expect(await count('admin_sessions')).toBe(sessions);
  });

  it('refuses a disabled admin', async () => {
    await ensureAdminUser(db, 'disabled', PASSWORD);
    await db.query("UPDATE admin_users SET disabled_at = now() WHERE username = 'disabled'");
    const response = await call('POST', '/login', { body: { username: 'disabled', password: PASSWORD } });
    expect(response.statusCode).toBe(401);
  });

  it('makes a name wait after repeated failures, even with the right password, and forgets once it waited', async () => {
    await ensureAdminUser(db, 'guessed', PASSWORD);
    for (let i = 0; i < FREE_ATTEMPTS; i++) {
      const response = await call('POST', '/login', { body: { username: 'guessed', password: `guess ${i}` } });
      expect(response.statusCode).toBe(401);
    }
    const refused = await call('POST', '/login', { body: { username: 'guessed', password: PASSWORD } });
    expect(refused.statusCode).toBe(429);
    expect(errorOf(refused)).toMatchObject({ error: 'too_many_attempts' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.cookies).toEqual([]);
    // Other names are not slowed down by this one's failures.
    expect((await call('POST', '/login', { body: { username: 'admin', password: PASSWORD } })).statusCode).toBe(200);

    // The wait has passed (moved back in time rather than slept through).
    await db.query(
      "UPDATE admin_login_failures SET last_failed_at = now() - interval '1 hour' WHERE username = 'guessed'",
    );
    expect((await call('POST', '/login', { body: { username: 'guessed', password: PASSWORD } })).statusCode).toBe(200);
    expect(await db.query("SELECT 1 FROM admin_login_failures WHERE username = 'guessed'")).toEqual([]);
  });

  it('slows down guesses at a name that does not exist the same way', async () => {
    for (let i = 0; i < FREE_ATTEMPTS; i++)
      await call('POST', '/login', { body: { username: 'ghost', password: 'x' } });
    const response = await call('POST', '/login', { body: { username: 'ghost', password: 'x' } });
    expect(response.statusCode).toBe(429);
  });

  it('refuses malformed sign-ins with 400', async () => {
    for (const body of [
      {},
      { username: 'admin' },
      { username: '', password: 'x' },
      { username: 'admin', password: '' },
      { username: 'admin', password: 'x'.repeat(1025) },
      { username: 'ad min', password: PASSWORD },
      { username: 'admin', password: PASSWORD, role: 'root' },
      ['admin', PASSWORD],
    ]) {
      const response = await call('POST', '/login', { body });
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorOf(response).error).toBe('invalid_input');
    }
    const broken = await app.inject({
      method: 'POST',
      url: '/api/admin/login',
      headers: { host: HOST, 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(errorOf(broken).error).toBe('invalid_input');
  });
});

describe('sessions', () => {
  it('GET /me names the admin of a live session', async () => {
    const cookie = await signIn();
    const response = await call('GET', '/me', { cookie });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ username: 'admin' });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('refuses a session once it has expired', async () => {
    const cookie = await signIn();
    expect((await call('GET', '/me', { cookie })).statusCode).toBe(200);
    const digest = createHash('sha256').update(cookie).digest('hex');
    await db.query("UPDATE admin_sessions SET expires_at = now() - interval '1 second' WHERE token_sha256 = $1", [
      digest,
    ]);
    const response = await call('GET', '/me', { cookie });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response).error).toBe('unauthorized');
  });

  it('ends the session on logout, in the database and in the browser', async () => {
    const cookie = await signIn();
    const response = await call('POST', '/logout', { cookie });
    expect(response.statusCode).toBe(204);
    const cleared = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value).toBe('');
    const digest = createHash('sha256').update(cookie).digest('hex');
    expect(await db.query('SELECT 1 FROM admin_sessions WHERE token_sha256 = $1', [digest])).toEqual([]);
    expect((await call('GET', '/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses a forged or malformed session cookie', async () => {
    for (const cookie of ['A'.repeat(43), 'not-a-token', '']) {
      expect((await call('GET', '/me', { cookie })).statusCode).toBe(401);
    }
  });

  it('is accepted by a second hub instance on the same database, and ended there for both', async () => {
    const other = await buildHub({ db, version: '1.0.0', logger: false });
    try {
      const cookie = await signIn('admin', PASSWORD, app);
      const me = await call('GET', '/me', { cookie, hub: other });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'admin' });
      expect((await call('POST', '/logout', { cookie, hub: other })).statusCode).toBe(204);
      expect((await call('GET', '/me', { cookie, hub: app })).statusCode).toBe(401);
    } finally {
      await other.close();
    }
  });
});

describe('every admin route needs a session', () => {
  const stationId = randomUUID();
  it.each<[Method, string, unknown]>([
    ['GET', '/me', undefined],
    ['POST', '/logout', {}],
    ['GET', '/stations', undefined],
    ['POST', `/stations/${stationId}/revoke`, {}],
    ['GET', '/enrollment-codes', undefined],
    ['POST', '/enrollment-codes', { name: 'Dawa', validHours: 24 }],
    // Without a session even a malformed request is refused as unauthenticated.
    ['POST', '/enrollment-codes', { name: '' }],
  ])('%s %s -> 401', async (method, path, body) => {
    const codes = await count('enrollment_codes');
    const response = await call(method, path, { body });
    expect(response.statusCode).toBe(401);
    expect(errorOf(response)).toEqual({ error: 'unauthorized', message: 'sign in first' });
    expect(await count('enrollment_codes')).toBe(codes);
  });

  it('answers an unknown admin route with a JSON 404', async () => {
    const response = await call('GET', '/nothing-here', { cookie: await signIn() });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).error).toBe('not_found');
  });
});

describe('CSRF defence', () => {
  it('refuses a write from a foreign origin, even with a valid session, changing nothing', async () => {
    const cookie = await signIn();
    const codes = await count('enrollment_codes');
    const foreign: Array<Record<string, string>> = [
      { origin: 'http://evil.example' },
      { origin: 'http://hub.test:9999' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      const response = await call('POST', '/enrollment-codes', { cookie, body: { name: 'Evil' }, headers });
      expect(response.statusCode, JSON.stringify(headers)).toBe(403);
      expect(errorOf(response).error).toBe('forbidden_origin');
    }
    expect(await count('enrollment_codes')).toBe(codes);
  });

  it('refuses a write that is not JSON, changing nothing', async () => {
    const cookie = await signIn();
    const stationId = await insertStation();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await call('POST', `/stations/${stationId}/revoke`, {
        cookie,
        headers: { 'content-type': type },
      });
      expect(response.statusCode, type).toBe(415);
      expect(errorOf(response).error).toBe('unsupported_media_type');
    }
    const noType = await app.inject({
      method: 'POST',
      url: `/api/admin/stations/${stationId}/revoke`,
      headers: { host: HOST, cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    expect(noType.statusCode).toBe(415);
    expect(await db.query('SELECT revoked_at FROM stations WHERE station_id = $1', [stationId])).toEqual([
      { revoked_at: null },
    ]);
  });

  it('refuses a sign-in posted from a foreign page, opening no session', async () => {
    const sessions = await count('admin_sessions');
    const response = await call('POST', '/login', {
      body: { username: 'admin', password: PASSWORD },
      headers: { origin: 'http://evil.example' },
    });
    expect(response.statusCode).toBe(403);
    expect(await count('admin_sessions')).toBe(sessions);
  });

  it('lets through a same-origin write with charset, and a client that sends no Origin', async () => {
    const cookie = await signIn();
    const withCharset = await call('POST', '/enrollment-codes', {
      cookie,
      body: { name: 'Charset' },
      headers: { 'content-type': 'application/json; charset=utf-8', 'sec-fetch-site': 'same-origin' },
    });
    expect(withCharset.statusCode).toBe(201);
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/enrollment-codes',
      headers: { host: HOST, 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookie}` },
      payload: JSON.stringify({ name: 'No origin' }),
    });
    expect(response.statusCode).toBe(201);
  });
});

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

    const rows = await db.query<Record<string, unknown>>('SELECT * FROM enrollment_codes WHERE name = $1', [
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
      await db.query(
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
    const stations = await db.query('SELECT station_id, revoked_at FROM stations ORDER BY station_id');
    const unknown = await call('POST', `/stations/${randomUUID()}/revoke`, { cookie });
    expect(unknown.statusCode).toBe(404);
    expect(errorOf(unknown).error).toBe('not_found');
    const malformed = await call('POST', '/stations/not-a-uuid/revoke', { cookie });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed).error).toBe('invalid_input');
    expect(await db.query('SELECT station_id, revoked_at FROM stations ORDER BY station_id')).toEqual(stations);
  });
});
