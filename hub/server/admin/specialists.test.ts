/** Specialist accounts: made by an admin, signed in like any console user, kept out of admin pages. */
import { describe, expect, it } from 'vitest';
import { errorOf, useAdminHub } from './admin-api.testing.js';
import { SpecialistList } from './admin-wire.js';

const kit = useAdminHub();
const { call, signIn, count } = kit;
const WANG = { username: 'wang.cardio', password: 'heart-of-gold-42', displayName: '王心', specialty: 'cardiology' };

describe('specialists', () => {
  it('an admin creates a specialist, who signs in but may not use the admin pages', async () => {
    const admin = await signIn();
    const created = await call('POST', '/specialists', { cookie: admin, body: WANG });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toEqual({
      username: WANG.username,
      displayName: '王心',
      specialty: 'cardiology',
      available: false,
    });
    const list = SpecialistList.parse((await call('GET', '/specialists', { cookie: admin })).json());
    expect(list.specialists.map((s) => s.username)).toContain(WANG.username);

    const specialist = await signIn(WANG.username, WANG.password);
    expect((await call('GET', '/me', { cookie: specialist })).statusCode).toBe(200);
    for (const [method, path] of [
      ['GET', '/stations'],
      ['GET', '/enrollment-codes'],
      ['GET', '/specialists'],
      ['POST', '/enrollment-codes'],
      ['POST', '/specialists'],
    ] as const) {
      const refused = await call(method, path, { cookie: specialist, body: { name: 'x' } });
      expect(refused.statusCode, `${method} ${path}`).toBe(403);
      expect(errorOf(refused).error).toBe('forbidden');
    }
  });

  it('refuses a taken username and bad input, changing nothing', async () => {
    const admin = await signIn();
    const before = await count('specialists');
    const taken = await call('POST', '/specialists', { cookie: admin, body: { ...WANG, username: 'admin' } });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).error).toBe('conflict');
    for (const body of [
      { ...WANG, username: 'li', specialty: 'astrology' },
      { ...WANG, username: 'li', password: 'short' },
      { ...WANG, username: 'li', displayName: '' },
      { ...WANG, username: 'has space' },
    ]) {
      const refused = await call('POST', '/specialists', { cookie: admin, body });
      expect(refused.statusCode).toBe(400);
      expect(errorOf(refused).error).toBe('invalid_input');
    }
    expect(await count('specialists')).toBe(before);
  });
});
