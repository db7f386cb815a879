import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HubBus } from './consults/bus.js';
import type { HubDb } from './db.js';
import { serveStation } from './station-socket.js';
import { refuse } from './sync/refusal.js';
import { claimNonce, verifyStationRequest } from './sync/verify-request.js';

/** Where stations open their socket. */
export const STATION_SOCKET_PATH = '/ws/station';

/**
 * The station socket. Its upgrade request is signed like a sync request and verified before
 * the upgrade, so an unsigned, forged, replayed or revoked request gets an HTTP refusal
 * (status and HubRefusalBody) and never a socket.
 */
export function registerStationSocket(app: FastifyInstance, db: HubDb, hubVersion: string, bus: HubBus): void {
  // Which station signed each upgrade, from the hook to the handler; gone with the request.
  const signedBy = new WeakMap<FastifyRequest, string>();
  app.get(
    STATION_SOCKET_PATH,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        try {
          const facts = { method: request.method, url: request.url, headers: request.headers, body: null };
          const verified = await verifyStationRequest(db, facts);
          if (!verified.ok) {
            request.log.info({ refusal: verified.refusal }, 'station socket upgrade refused');
            return refuse(reply, verified.refusal, verified.message);
          }
          if (!(await claimNonce(db, verified.stationId, verified.nonce))) {
            request.log.info({ refusal: 'nonce_replayed' }, 'station socket upgrade refused');
            return refuse(reply, 'nonce_replayed', 'this request was already received');
          }
          signedBy.set(request, verified.stationId);
        } catch (error) {
          request.log.error({ err: error }, 'station socket upgrade failed');
          return reply.code(500).send({ error: 'internal', message: 'the hub could not complete the request' });
        }
      },
    },
    (socket, request) => {
      const stationId = signedBy.get(request);
      // Unreachable while the hook above guards the route; refuse rather than serve anonymously.
      if (!stationId) return socket.close(1011);
      serveStation(socket, { db, hubVersion, stationId, log: request.log, bus });
    },
  );
}
