import fastifyWebsocket from '@fastify/websocket';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { HUB_MAX_MESSAGE_BYTES, HubHealth } from '../../contract/hub-wire.js';
import type { HubDb } from './db.js';
import { serveStation } from './station-socket.js';

export interface HubOptions {
  db: HubDb;
  schemaVersion: number;
  version: string;
  logger: Logger;
}

/** The hub's HTTP and WebSocket server. */
export async function buildHub(options: HubOptions): Promise<FastifyInstance> {
  const { db, logger } = options;
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await app.register(fastifyWebsocket, { options: { maxPayload: HUB_MAX_MESSAGE_BYTES } });

  app.get('/health', async () => {
    await db.query('SELECT 1');
    return HubHealth.parse({
      status: 'ok',
      version: options.version,
      database: db.kind,
      schemaVersion: options.schemaVersion,
      time: new Date().toISOString(),
    });
  });

  app.get('/ws/station', { websocket: true }, (socket) => serveStation(socket, db, options.version, logger));
  return app;
}
