import fastifyWebsocket from '@fastify/websocket';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { setTimeout } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { WebSocketServer } from 'ws';
import { HUB_MAX_MESSAGE_BYTES } from '../../contract/hub-wire.js';
import { readConsultServiceRequest } from '../../contract/consults/consult-fhir.js';
import type { IceConfig } from '../../contract/consults/signal.js';
import { registerAdmin } from './admin/index.js';
import { createLocalBus } from './consults/bus.js';
import { ConsultService } from './consults/consult-service.js';
import { CONSOLE_API_PREFIX } from './consults/console-wire.js';
import { consoleApi } from './consults/console-routes.js';
import { registerConsoleSocket } from './consults/console-socket.js';
import { createSpecialtyRouter } from './consults/routing.js';
import { registerStationCalls } from './consults/station-calls.js';
import { mergePushedPatient } from './demographics/index.js';
import type { HubDb } from './db.js';
import { DEFAULT_WIDEN_AFTER_MS } from './hub-config.js';
import { registerHealth } from './health.js';
import { registerStationSocket } from './station-route.js';
import { registerSync } from './sync/routes.js';
import { payloadStatus, readPayload, registerUploads } from './uploads/index.js';

/**
 * Frames up to this size are read and answered with `refused: malformed` when over the
 * contract's limit; larger ones are cut off by ws itself (close 1009) before being buffered.
 */
const SOCKET_READ_CEILING = 2 * HUB_MAX_MESSAGE_BYTES;
/** WebSocket close code for an endpoint going away (RFC 6455 §7.4.1): the station reconnects. */
const GOING_AWAY = 1001;
/** How long a station gets to answer the goodbye before its socket is cut. */
const CLOSE_GRACE_MS = 2000;

/**
 * Says goodbye (1001) to every station, then cuts off those that do not answer in time: the
 * server's close waits for every socket, and a station on a dead 4G link never answers.
 */
async function closeStations(server: WebSocketServer): Promise<void> {
  const clients = [...server.clients];
  const gone = clients.map((client) => new Promise((resolve) => client.once('close', resolve)));
  for (const client of clients) client.close(GOING_AWAY, 'hub stopping');
  await Promise.race([Promise.all(gone), setTimeout(CLOSE_GRACE_MS, undefined, { ref: false })]);
  for (const client of server.clients) client.terminate();
  await new Promise((resolve) => server.close(resolve));
}

export interface HubOptions {
  db: HubDb;
  /** The hub's version, reported by /health and in `welcome`. */
  version: string;
  /** Where the hub logs; false for silence. */
  logger: Logger | false;
  /** How long a consult waits for its specialty before general medicine sees it (default 3 min). */
  widenAfterMs?: number;
  /** ICE servers for a call participant; default none (host candidates only). */
  iceConfig?: (participant: string) => IceConfig;
}

/** How often each hub process looks for consults to widen. */
const WIDEN_SWEEP_MS = 1000;

/** The hub's HTTP and WebSocket server, not yet listening. */
export async function buildHub(options: HubOptions): Promise<FastifyInstance> {
  const { db, version, logger } = options;
  // Health probes every few seconds would bury the log; the route logs its own failures.
  const common = { logController: new LogController({ disableRequestLogging: (req) => req.url === '/health' }) };
  let app: FastifyInstance;
  if (logger) {
    // Typed as fastify's base logger so the instance keeps fastify's default generics.
    const loggerInstance: FastifyBaseLogger = logger;
    app = Fastify({ ...common, loggerInstance });
  } else {
    app = Fastify({ ...common, logger: false });
  }
  await app.register(fastifyWebsocket, {
    options: { maxPayload: SOCKET_READ_CEILING },
    preClose: () => closeStations(app.websocketServer),
  });
  const bus = createLocalBus();
  const consults = new ConsultService(
    db,
    bus,
    createSpecialtyRouter({ widenAfterMs: options.widenAfterMs ?? DEFAULT_WIDEN_AFTER_MS }),
  );
  const iceConfig = options.iceConfig ?? (() => ({ iceServers: [], iceTransportPolicy: 'all' as const }));
  registerHealth(app, db, version);
  registerAdmin(app, db);
  registerSync(app, db, {
    payloadStatus,
    payloadBytes: async (tx, uploadId) => (await readPayload(tx, uploadId))?.data ?? null,
    onPatient: mergePushedPatient,
    onRecord: async (tx, stationId, record) => {
      if (record.type !== 'ServiceRequest') return null;
      const facts = readConsultServiceRequest(JSON.parse(record.body));
      return facts ? consults.fromPush(tx, stationId, record.patientId, facts) : null;
    },
  });
  await registerUploads(app, db);
  registerStationSocket(app, db, version, bus);
  await app.register(consoleApi, { prefix: CONSOLE_API_PREFIX, db, consults, iceConfig });
  registerConsoleSocket(app, db, bus);
  registerStationCalls(app, db, iceConfig);
  const sweep = setInterval(() => {
    consults.widenDue(new Date()).catch((error: unknown) => app.log.error({ err: error }, 'widening consults failed'));
  }, WIDEN_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));
  return app;
}
