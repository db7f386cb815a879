import type { FastifyReply } from 'fastify';
import { HUB_REFUSALS } from '../../../contract/sync/wire.js';
import type { HubRefusal, HubRefusalBody } from '../../../contract/sync/wire.js';

/** Answers a refused request with its status and a JSON body saying why. */
export function refuse(reply: FastifyReply, error: HubRefusal, message: string): FastifyReply {
  const body: HubRefusalBody = { error, message };
  return reply.code(HUB_REFUSALS[error]).type('application/json').send(body);
}
