import type { FastifyInstance } from 'fastify';
import { HubHealth } from '../../contract/hub-wire.js';
import type { HubDb } from './db.js';
import { readSchemaVersion } from './migrate.js';

/** `GET /health`: 200 with HubHealth when the database answers, 503 when it does not. */
export function registerHealth(app: FastifyInstance, db: HubDb, version: string): void {
  app.get('/health', async (request, reply) => {
    let schemaVersion: number;
    try {
      // Read, not remembered: it is also the probe that the database still answers.
      schemaVersion = await readSchemaVersion(db);
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unavailable');
      return reply.code(503).send({ status: 'unavailable', reason: 'database' });
    }
    // Parsed before sending so the hub can never answer with a shape the contract does not allow.
    return HubHealth.parse({
      status: 'ok',
      version,
      database: db.kind,
      schemaVersion,
      time: new Date().toISOString(),
    });
  });
}
