import type { AddressInfo } from 'node:net';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import { MAX_MESSAGE_BYTES } from '../../contract/wire.js';
import type { Dispatcher } from '../../contract/dispatcher.js';
import { contentSecurityPolicy } from '../csp.js';
import type { Logger } from '../logger.js';
import { hostAllowed, originAllowed, tokenMatches } from './access.js';
import { serveSocket } from './socket-session.js';

export interface WebShellOptions {
  dispatcher: Dispatcher;
  /** The built renderer (index.html and assets). */
  rendererDir: string;
  token: string;
  /** 0 picks a free port. The shell always binds 127.0.0.1 only. */
  port: number;
  logger: Logger;
}

export interface WebShell {
  readonly port: number;
  /** The page URL carrying the launch token. */
  readonly url: string;
  close(): Promise<void>;
}

/** Path of the station socket; the token travels as `?token=`. */
export const SOCKET_PATH = '/station-socket';

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(self), microphone=(self), geolocation=(), usb=(), serial=(), hid=(), payment=()',
};

/**
 * The browser shell: serves the renderer and carries the contract over one WebSocket, on
 * 127.0.0.1 only, to pages that present the per-launch token.
 */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  let port = options.port;
  const app = Fastify({ logger: false, bodyLimit: 1024 });

  app.addHook('onRequest', async (request, reply) => {
    if (!hostAllowed(request.headers.host, port)) return reply.code(421).send('Misdirected request');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) void reply.header(name, value);
    void reply.header(
      'content-security-policy',
      contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] }),
    );
    return undefined;
  });

  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_MESSAGE_BYTES } });
  await app.register(async (scope) => {
    // Runs before the upgrade completes: a socket without the token never gets to send a call.
    scope.addHook('preValidation', async (request, reply) => {
      const token = (request.query as Record<string, unknown>).token;
      if (!tokenMatches(options.token, token) || !originAllowed(request.headers.origin, port)) {
        options.logger.warn('refused a station socket without a valid token or origin');
        return reply.code(401).send('Unauthorized');
      }
      return undefined;
    });
    scope.get(SOCKET_PATH, { websocket: true }, (socket) => serveSocket(socket, options.dispatcher));
  });

  await app.register(fastifyStatic, { root: options.rendererDir, index: 'index.html', wildcard: false });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send('Not found'));

  await app.listen({ host: '127.0.0.1', port: options.port });
  port = (app.server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${options.token}`,
    close: () => app.close(),
  };
}
