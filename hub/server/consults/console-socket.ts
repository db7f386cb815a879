import { fastifyCookie } from '@fastify/cookie';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import type { RawData } from 'ws';
import type WebSocket from 'ws';
import { SESSION_COOKIE, findSession } from '../admin/sessions.js';
import { specialistOf } from '../admin/specialist-admin.js';
import type { HubDb } from '../db.js';
import type { HubBus } from './bus.js';
import { CONSOLE_SOCKET_PATH, ConsoleToHub } from './console-wire.js';
import type { HubToConsole } from './console-wire.js';
import { activeCalls, relayFromConsole } from './signaling.js';

/** Largest message a console may send: an SDP offer is a few kilobytes. */
const MAX_MESSAGE_BYTES = 128 * 1024;
const POLICY_VIOLATION = 1008;

function send(socket: WebSocket, message: HubToConsole): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function parse(data: RawData, isBinary: boolean): ConsoleToHub | null {
  if (isBinary) return null;
  const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
  if (bytes.length > MAX_MESSAGE_BYTES) return null;
  try {
    const parsed = ConsoleToHub.safeParse(JSON.parse(bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Whether a browser's Origin names this hub (a foreign page must not ride the session cookie). */
function sameOrigin(request: FastifyRequest): boolean {
  const { origin, host } = request.headers;
  if (origin === undefined) return true;
  try {
    return host !== undefined && new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function serveConsole(
  socket: WebSocket,
  db: HubDb,
  bus: HubBus,
  session: { username: string; token: string },
  log: FastifyBaseLogger,
): void {
  const { username, token } = session;
  const announce = async (presence: 'joined' | 'left') => {
    for (const call of await activeCalls(db, { username }))
      bus.toStation(call.station_id, { t: 'peer', consultId: call.consult_id, presence });
  };
  const unsubscribe = bus.onConsole(username, (message) => send(socket, message));
  void announce('joined').catch((error: unknown) => log.warn({ err: error }, 'peer presence not announced'));
  let queue = Promise.resolve();
  socket.on('message', (data, isBinary) => {
    const message = parse(data, isBinary);
    queue = queue
      .then(async () => {
        if (!message) return socket.close(POLICY_VIOLATION, 'malformed');
        if (message.t === 'ping') return send(socket, { t: 'pong' });
        // The session may have ended (signed out, expired, user disabled) since the socket opened.
        if (!(await findSession(db, token))) return socket.close(POLICY_VIOLATION, 'session ended');
        const refusal = await relayFromConsole(db, bus, username, message.consultId, message.data);
        if (refusal) send(socket, { t: 'signal_refused', consultId: message.consultId, reason: refusal });
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'console message failed');
        socket.close(1011);
      });
  });
  socket.on('close', () => {
    unsubscribe();
    void announce('left').catch((error: unknown) => log.warn({ err: error }, 'peer presence not announced'));
  });
}

/**
 * The specialist console's socket: opened with the session cookie by a signed-in specialist
 * from the hub's own origin; anything else gets an HTTP refusal and never a socket.
 */
export function registerConsoleSocket(app: FastifyInstance, db: HubDb, bus: HubBus): void {
  const sessions = new WeakMap<FastifyRequest, { username: string; token: string }>();
  app.get(
    CONSOLE_SOCKET_PATH,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!sameOrigin(request)) return reply.code(403).send({ error: 'forbidden_origin', message: 'foreign origin' });
        const token = fastifyCookie.parse(request.headers.cookie ?? '')[SESSION_COOKIE];
        const session = await findSession(db, token);
        if (!session) return reply.code(401).send({ error: 'unauthorized', message: 'sign in first' });
        if (!(await specialistOf(db, session.username)))
          return reply.code(403).send({ error: 'forbidden', message: 'this needs a specialist account' });
        if (token !== undefined) sessions.set(request, { username: session.username, token });
      },
    },
    (socket, request) => {
      const session = sessions.get(request);
      if (!session) return socket.close(1011);
      serveConsole(socket, db, bus, session, request.log);
    },
  );
}
