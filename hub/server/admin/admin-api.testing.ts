import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildHub } from '../app.js';
import { openPglite } from '../db.js';
import type { HubDb } from '../db.js';
import { migrate } from '../migrate.js';
import { ensureAdminUser } from './admin-users.js';
import { AdminErrorBody } from './admin-wire.js';
import { SESSION_COOKIE } from './sessions.js';

/** The admin API tests' hub: one PGlite per test file, an admin, and requests as the console sends them. */
export const PASSWORD = 'correct horse battery';
export const HOST = 'hub.test:8710';

export type Method = 'GET' | 'POST';

export interface AdminHub {
  readonly db: HubDb;
  readonly app: FastifyInstance;
  /** A request as the console sends it: same-origin, JSON, with the session cookie when given. */
  call(
    method: Method,
    path: string,
    options?: { cookie?: string; body?: unknown; headers?: Record<string, string>; hub?: FastifyInstance },
  ): Promise<LightMyRequestResponse>;
  /** Signs in (on `hub`, this file's hub unless given) and returns the session cookie's value. */
  signIn(username?: string, password?: string, hub?: FastifyInstance): Promise<string>;
  count(table: string): Promise<number>;
  /** An enrolled station row without a key, for the station list and revocation. */
  insertStation(name?: string | null): Promise<string>;
}

/** Starts the hub before the file's tests and closes it after; use its members inside a test. */
export function useAdminHub(): AdminHub {
  let db: HubDb | undefined;
  let app: FastifyInstance | undefined;
  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    await ensureAdminUser(db, 'admin', PASSWORD);
    app = await buildHub({ db, version: '1.0.0', logger: false });
    // Creating PGlite takes seconds, far more while the whole suite shares two cores.
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the admin hub exists only inside a test');
    return value;
  };
  const kit: AdminHub = {
    get db() {
      return started(db);
    },
    get app() {
      return started(app);
    },
    call: (method, path, options = {}) => {
      const headers: Record<string, string> = { host: HOST };
      if (method === 'POST') {
        headers['content-type'] = 'application/json';
        headers.origin = `http://${HOST}`;
      }
      if (options.cookie) headers.cookie = `${SESSION_COOKIE}=${options.cookie}`;
      return (options.hub ?? kit.app).inject({
        method,
        url: `/api/admin${path}`,
        headers: { ...headers, ...options.headers },
        ...(method === 'POST' ? { payload: JSON.stringify(options.body === undefined ? {} : options.body) } : {}),
      });
    },
    signIn: async (username = 'admin', password = PASSWORD, hub) =>
      sessionCookie(await kit.call('POST', '/login', { body: { username, password }, ...(hub ? { hub } : {}) })),
    count: async (table) => {
      const [row] = await kit.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      return row?.n ?? 0;
    },
    insertStation: async (name = 'Test station') => {
      const stationId = randomUUID();
      await kit.db.query(
        `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at, name, enrolled_at)
         VALUES ($1, '0.9.0', now(), now(), $2, now())`,
        [stationId, name],
      );
      return stationId;
    },
  };
  return kit;
}

export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie (status ${response.statusCode}: ${response.body})`);
  return cookie.value;
}

export function errorOf(response: LightMyRequestResponse): AdminErrorBody {
  return AdminErrorBody.parse(response.json());
}
