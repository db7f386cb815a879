import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { HubDb } from '../db.js';
import { AdminError, parseInput, sendAdminError } from './admin-errors.js';
import { checkAdminPassword } from './admin-users.js';
import {
  ADMIN_API_PREFIX,
  CreateEnrollmentCodeRequest,
  CreateSpecialistRequest,
  LoginRequest,
  StationIdParams,
} from './admin-wire.js';
import type { AdminMe } from './admin-wire.js';
import { createEnrollmentCode, listEnrollmentCodes } from './enrollment-codes.js';
import { clearLoginFailures, reserveLoginAttempt } from './login-throttle.js';
import { refuseCrossSiteWrites } from './request-guard.js';
import { SESSION_COOKIE, SESSION_HOURS, createSession, deleteSession, findSession } from './sessions.js';
import type { AdminSession } from './sessions.js';
import { createSpecialist, listSpecialists } from './specialist-admin.js';
import { listStations, revokeStation } from './station-admin.js';

/** Admin requests are small JSON documents; nothing legitimate comes near this. */
const BODY_LIMIT = 16 * 1024;
const SESSION = 'adminSession';
/** Admin routes any signed-in console user may use. */
const OPEN_TO_EVERY_USER = new Set([`${ADMIN_API_PREFIX}/me`, `${ADMIN_API_PREFIX}/logout`]);

/**
 * Whether the browser reached the hub over https, directly or through a TLS-terminating proxy.
 * The forwarded header is believed without a trusted-proxy list because it can only add
 * Secure to the sender's own cookie, never take it away.
 */
function overHttps(request: FastifyRequest): boolean {
  const forwarded = String(request.headers['x-forwarded-proto'] ?? '')
    .split(',')
    .at(-1)
    ?.trim();
  return request.protocol === 'https' || forwarded === 'https';
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: overHttps(request),
    maxAge: SESSION_HOURS * 3600,
  });
}

/** The session the request's cookie opens, checked in the database on every request. */
function sessionOf(request: FastifyRequest): AdminSession {
  return request.getDecorator<AdminSession>(SESSION);
}

/** POST login: the only admin route open without a session. */
function registerLogin(scope: FastifyInstance, db: HubDb): void {
  scope.post('/login', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const { username, password } = parseInput(LoginRequest, request.body);
    const attempt = await reserveLoginAttempt(db, username);
    if (!attempt.allowed)
      throw new AdminError(
        'too_many_attempts',
        'too many failed sign-ins; wait and try again',
        attempt.retryAfterSeconds,
      );
    if (!(await checkAdminPassword(db, username, password))) {
      request.log.warn({ username }, 'admin sign-in refused');
      throw new AdminError('invalid_credentials', 'wrong username or password');
    }
    await clearLoginFailures(db, username);
    const session = await createSession(db, username);
    setSessionCookie(request, reply, session.token);
    request.log.info({ username }, 'admin signed in');
    return { username, expiresAt: session.expiresAt.toISOString() } satisfies AdminMe;
  });
}

/** Every admin route that needs a signed-in admin. */
function registerSessionRoutes(scope: FastifyInstance, db: HubDb): void {
  scope.decorateRequest(SESSION, null);
  scope.addHook('onRequest', async (request) => {
    const session = await findSession(db, request.cookies[SESSION_COOKIE]);
    if (!session) throw new AdminError('unauthorized', 'sign in first');
    // A specialist signs in here too, but may only see who she is and sign out.
    if (!session.isAdmin && !OPEN_TO_EVERY_USER.has(request.routeOptions.url ?? ''))
      throw new AdminError('forbidden', 'this needs an admin');
    request.setDecorator(SESSION, session);
  });

  scope.get('/me', async (request) => {
    const session = sessionOf(request);
    return { username: session.username, expiresAt: session.expiresAt.toISOString() } satisfies AdminMe;
  });

  scope.post('/logout', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token !== undefined) await deleteSession(db, token);
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  scope.get('/stations', async () => ({ stations: await listStations(db) }));

  scope.post('/stations/:stationId/revoke', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { stationId } = parseInput(StationIdParams, request.params);
    const revoked = await revokeStation(db, stationId);
    if (!revoked) throw new AdminError('not_found', 'no station with that id');
    request.log.info({ stationId, by: sessionOf(request).username }, 'station revoked');
    return { stationId, revokedAt: revoked.revokedAt };
  });

  scope.get('/specialists', async () => ({ specialists: await listSpecialists(db) }));

  scope.post('/specialists', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const input = parseInput(CreateSpecialistRequest, request.body);
    const created = await createSpecialist(db, input);
    if (!created) throw new AdminError('conflict', 'that username is taken');
    request.log.info({ by: sessionOf(request).username, username: input.username }, 'specialist created');
    return reply.code(201).send(created);
  });

  scope.get('/enrollment-codes', async () => ({ codes: await listEnrollmentCodes(db) }));

  scope.post('/enrollment-codes', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
    const { name, validHours } = parseInput(CreateEnrollmentCodeRequest, request.body);
    const created = await createEnrollmentCode(db, { name, validHours, createdBy: sessionOf(request).username });
    request.log.info({ by: sessionOf(request).username }, 'enrollment code created');
    return reply.code(201).send(created);
  });
}

/**
 * What every console API scope shares: cookies, `{error, message}` errors, the CSRF guard,
 * and no caching (station lists and patient summaries must not sit in a shared cache or the
 * back button).
 */
export async function prepareConsoleScope(scope: FastifyInstance): Promise<void> {
  await scope.register(fastifyCookie);
  scope.setErrorHandler(sendAdminError);
  scope.setNotFoundHandler(() => {
    throw new AdminError('not_found', 'no such route');
  });
  scope.addHook('onRequest', refuseCrossSiteWrites);
  scope.addHook('onSend', async (_request, reply) => {
    void reply.header('cache-control', 'no-store');
  });
}

/** The admin API under /api/admin: every answer is JSON, every error `{error, message}`. */
export async function adminApi(scope: FastifyInstance, options: { db: HubDb }): Promise<void> {
  await prepareConsoleScope(scope);
  registerLogin(scope, options.db);
  await scope.register(async (authed) => registerSessionRoutes(authed, options.db));
}
