import { createHash, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildHub } from '../app.js';
import { ensureAdminUser } from './admin-users.js';
import { FREE_ATTEMPTS } from './login-throttle.js';
import { SESSION_COOKIE } from './sessions.js';
import { HOST, PASSWORD, errorOf, useAdminHub } from './admin-api.testing.js';
import type { Method } from './admin-api.testing.js';

const kit = useAdminHub();
const { call, signIn, count, insertStation } = kit;

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
    const stored = await kit.db.query<{ token_sha256: string }>('SELECT token_sha256 FROM admin_sessions');
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
    await ensureAdminUser(kit.db, 'wrong-pw', PASSWORD);
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
    await ensureAdminUser(kit.db, 'disabled', PASSWORD);
    await kit.db.query("UPDATE admin_users SET disabled_at = now() WHERE username = 'disabled'");
    const response = await call('POST', '/login', { body: { username: 'disabled', password: PASSWORD } });
    expect(response.statusCode).toBe(401);
  });

  it('makes a name wait after repeated failures, even with the right password, and forgets once it waited', async () => {
    await ensureAdminUser(kit.db, 'guessed', PASSWORD);
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
    await kit.db.query(
      "UPDATE admin_login_failures SET last_failed_at = now() - interval '1 hour' WHERE username = 'guessed'",
    );
    expect((await call('POST', '/login', { body: { username: 'guessed', password: PASSWORD } })).statusCode).toBe(200);
    expect(await kit.db.query("SELECT 1 FROM admin_login_failures WHERE username = 'guessed'")).toEqual([]);
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
    const broken = await kit.app.inject({
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
    await kit.db.query("UPDATE admin_sessions SET expires_at = now() - interval '1 second' WHERE token_sha256 = $1", [
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
    expect(await kit.db.query('SELECT 1 FROM admin_sessions WHERE token_sha256 = $1', [digest])).toEqual([]);
    expect((await call('GET', '/me', { cookie })).statusCode).toBe(401);
  });

  it('refuses a forged or malformed session cookie', async () => {
    for (const cookie of ['A'.repeat(43), 'not-a-token', '']) {
      expect((await call('GET', '/me', { cookie })).statusCode).toBe(401);
    }
  });

  it('is accepted by a second hub instance on the same database, and ended there for both', async () => {
    const other = await buildHub({ db: kit.db, version: '1.0.0', logger: false });
    try {
      const cookie = await signIn('admin', PASSWORD, kit.app);
      const me = await call('GET', '/me', { cookie, hub: other });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: 'admin' });
      expect((await call('POST', '/logout', { cookie, hub: other })).statusCode).toBe(204);
      expect((await call('GET', '/me', { cookie, hub: kit.app })).statusCode).toBe(401);
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
    const noType = await kit.app.inject({
      method: 'POST',
      url: `/api/admin/stations/${stationId}/revoke`,
      headers: { host: HOST, cookie: `${SESSION_COOKIE}=${cookie}` },
    });
    expect(noType.statusCode).toBe(415);
    expect(await kit.db.query('SELECT revoked_at FROM stations WHERE station_id = $1', [stationId])).toEqual([
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
    const response = await kit.app.inject({
      method: 'POST',
      url: '/api/admin/enrollment-codes',
      headers: { host: HOST, 'content-type': 'application/json', cookie: `${SESSION_COOKIE}=${cookie}` },
      payload: JSON.stringify({ name: 'No origin' }),
    });
    expect(response.statusCode).toBe(201);
  });
});
