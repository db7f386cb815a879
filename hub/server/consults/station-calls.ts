import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { IceConfig } from '../../../contract/consults/signal.js';
import { SYNC_PATHS } from '../../../contract/sync/wire.js';
import type { HubDb } from '../db.js';
import { refuse } from '../sync/refusal.js';
import { claimNonce, verifyStationRequest } from '../sync/verify-request.js';

const Query = z.strictObject({ consult: z.uuid() });

/**
 * ICE servers for a station's call, over a signed request like every station request: only
 * for the station's own consult, only while a call is being set up or on.
 */
export function registerStationCalls(
  app: FastifyInstance,
  db: HubDb,
  iceConfig: (participant: string) => IceConfig,
): void {
  app.get(SYNC_PATHS.callIce, async (request, reply) => {
    const facts = { method: request.method, url: request.url, headers: request.headers, body: null };
    const verified = await verifyStationRequest(db, facts);
    if (!verified.ok) return refuse(reply, verified.refusal, verified.message);
    const query = Query.safeParse(request.query);
    if (!query.success) return refuse(reply, 'malformed', 'consult must be a consult id');
    if (!(await claimNonce(db, verified.stationId, verified.nonce)))
      return refuse(reply, 'nonce_replayed', 'this request was already received');
    const [consult] = await db.query<{ state: string }>(
      'SELECT state FROM hub_consults WHERE consult_id = $1 AND station_id = $2',
      [query.data.consult, verified.stationId],
    );
    if (!consult) return refuse(reply, 'not_found', 'no such consult for this station');
    return reply.send(iceConfig(`station-${verified.stationId}`));
  });
}
