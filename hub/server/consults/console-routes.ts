import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConsultNote } from '../../../contract/consults/consult.js';
import type { IceConfig } from '../../../contract/consults/signal.js';
import { AdminError, parseInput } from '../admin/admin-errors.js';
import { prepareConsoleScope } from '../admin/admin-routes.js';
import { SESSION_COOKIE, findSession } from '../admin/sessions.js';
import type { AdminSession } from '../admin/sessions.js';
import { setAvailability, specialistOf } from '../admin/specialist-admin.js';
import type { SpecialistSummary } from '../admin/admin-wire.js';
import type { HubDb } from '../db.js';
import { consultRefusal } from './consult-errors.js';
import { consultDetail, queueFor } from './consult-views.js';
import type { ConsultService } from './consult-service.js';
import { ConsoleCallReport, ConsultIdParams, SetAvailability } from './console-wire.js';
import type { ConsoleMe } from './console-wire.js';

/** Console requests are small JSON documents; a long note is a few kilobytes. */
const BODY_LIMIT = 32 * 1024;
const USER = 'consoleUser';

interface ConsoleUser {
  session: AdminSession;
  specialist: SpecialistSummary | null;
}

export interface ConsoleApiOptions {
  db: HubDb;
  consults: ConsultService;
  /** ICE servers for one participant of a call (short-lived TURN credentials). */
  iceConfig: (participant: string) => IceConfig;
}

const userOf = (request: FastifyRequest) => request.getDecorator<ConsoleUser>(USER);

function specialistOfRequest(request: FastifyRequest): SpecialistSummary {
  const { specialist } = userOf(request);
  if (!specialist) throw new AdminError('forbidden', 'this needs a specialist account');
  return specialist;
}

function meOf(user: ConsoleUser): ConsoleMe {
  return {
    username: user.session.username,
    isAdmin: user.session.isAdmin,
    specialist: user.specialist && {
      displayName: user.specialist.displayName,
      specialty: user.specialist.specialty,
      available: user.specialist.available,
    },
    expiresAt: user.session.expiresAt.toISOString(),
  };
}

/** The specialist API under /api/console: the queue, a consult, accept, call, note. */
export async function consoleApi(scope: FastifyInstance, options: ConsoleApiOptions): Promise<void> {
  const { db, consults } = options;
  await prepareConsoleScope(scope);
  scope.decorateRequest(USER, null);
  scope.addHook('onRequest', async (request) => {
    const session = await findSession(db, request.cookies[SESSION_COOKIE]);
    if (!session) throw new AdminError('unauthorized', 'sign in first');
    request.setDecorator<ConsoleUser>(USER, { session, specialist: await specialistOf(db, session.username) });
  });

  scope.get('/me', async (request) => meOf(userOf(request)));

  scope.put('/availability', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { available } = parseInput(SetAvailability, request.body);
    const specialist = specialistOfRequest(request);
    await setAvailability(db, specialist.username, available);
    request.log.info({ username: specialist.username, available }, 'specialist availability');
    return meOf({ ...userOf(request), specialist: { ...specialist, available } });
  });

  scope.get('/queue', async (request) => ({
    consults: await queueFor(db, consults.router, specialistOfRequest(request)),
  }));

  /** A consult the specialist may see: in her audience, or hers. */
  const visible = async (request: FastifyRequest) => {
    const { consultId } = parseInput(ConsultIdParams, request.params);
    const specialist = specialistOfRequest(request);
    const detail = await consultDetail(db, consults.router, specialist, consultId);
    if (!detail) throw consultRefusal.notFound();
    return { consultId, specialist, detail };
  };

  scope.get('/consults/:consultId', async (request) => (await visible(request)).detail);

  scope.post('/consults/:consultId/accept', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { consultId, specialist } = await visible(request);
    await consults.accept(consultId, specialist.username, specialist.specialty);
    request.log.info({ consultId, username: specialist.username }, 'consult accepted');
    return (await visible(request)).detail;
  });

  scope.post('/consults/:consultId/call', { bodyLimit: BODY_LIMIT }, async (request) => {
    const { consultId, specialist } = await visible(request);
    await consults.call(consultId, specialist.username);
    return (await visible(request)).detail;
  });

  scope.get('/consults/:consultId/ice', async (request) => {
    const { detail, specialist } = await visible(request);
    if (!detail.mine) throw consultRefusal.notYours();
    return options.iceConfig(`specialist-${specialist.username}`);
  });

  scope.post('/consults/:consultId/calls', { bodyLimit: BODY_LIMIT }, async (request) => {
    const report = parseInput(ConsoleCallReport, request.body);
    const { consultId, specialist } = await visible(request);
    await consults.report(consultId, specialist.username, report);
    return {};
  });

  scope.post('/consults/:consultId/note', { bodyLimit: BODY_LIMIT }, async (request) => {
    const note = parseInput(ConsultNote, request.body);
    const { consultId, specialist } = await visible(request);
    await consults.answer(consultId, specialist.username, note);
    request.log.info({ consultId, username: specialist.username }, 'consult answered');
    return (await visible(request)).detail;
  });
}
