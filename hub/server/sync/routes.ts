import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SIGNED_HEADERS } from '../../../contract/sync/signing.js';
import {
  EnrollRequest,
  MAX_PULL_ITEMS,
  MAX_PUSH_JSON_BYTES,
  MAX_PUSH_WIRE_BYTES,
  PushRequest,
  SYNC_PATHS,
} from '../../../contract/sync/wire.js';
import type { EnrollResponse, PullResponse, PushResponse } from '../../../contract/sync/wire.js';
import type { HubDb } from '../db.js';
import { applyPush } from './apply-push.js';
import type { PushHooks } from './apply-push.js';
import { enrollStation } from './enroll.js';
import { readOutbound } from './outbound.js';
import { refuse } from './refusal.js';
import { checkSignature, claimNonce, publicKeyFromRaw, verifyStationRequest } from './verify-request.js';
import { decodeBody, sendJson } from './wire-body.js';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const rawBody = (request: FastifyRequest): Buffer | null =>
  Buffer.isBuffer(request.body) && request.body.length > 0 ? request.body : null;

/** Reads a signed JSON body after its signature verified: decompressed, parsed, size-checked. */
function readJson(request: FastifyRequest, reply: FastifyReply): { ok: true; value: unknown } | { ok: false } {
  if (!String(request.headers['content-type'] ?? '').startsWith('application/json')) {
    refuse(reply, 'unsupported_encoding', 'the body must be application/json');
    return { ok: false };
  }
  const decoded = decodeBody(request, rawBody(request) ?? Buffer.alloc(0), MAX_PUSH_JSON_BYTES);
  if (!decoded.ok) {
    refuse(reply, decoded.refusal, `the body cannot be read (${decoded.refusal})`);
    return { ok: false };
  }
  const value = parseJson(decoded.text);
  if (value === undefined) {
    refuse(reply, 'malformed', 'the body is not JSON');
    return { ok: false };
  }
  return { ok: true, value };
}

const replayed = (reply: FastifyReply): FastifyReply =>
  refuse(reply, 'nonce_replayed', 'this request was already received');

/** The station sync API: enrollment, push and pull. Every route here reads its body raw, to verify it. */
export function registerSync(app: FastifyInstance, db: HubDb, hooks: PushHooks = {}): void {
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_PUSH_WIRE_BYTES }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((error: { code?: string; statusCode?: number }, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(reply, 'too_large', 'the body is too large');
      if (error.statusCode && error.statusCode < 500) return refuse(reply, 'malformed', 'the request cannot be read');
      request.log.error({ err: error }, 'sync request failed');
      return reply.code(500).send({ error: 'internal', message: 'the hub could not complete the request' });
    });

    scope.post(SYNC_PATHS.enroll, async (request, reply) => {
      const body = readJson(request, reply);
      if (!body.ok) return reply;
      const parsed = EnrollRequest.safeParse(body.value);
      if (!parsed.success) return refuse(reply, 'malformed', 'the enrollment request does not match the contract');
      if (request.headers[SIGNED_HEADERS.station] !== parsed.data.stationId)
        return refuse(reply, 'malformed', 'x-cunyi-station must name the station enrolling');
      // Proof of possession: the request is signed with the private half of the key it enrolls.
      const facts = { method: request.method, url: request.url, headers: request.headers, body: rawBody(request) };
      const signed = checkSignature(facts, publicKeyFromRaw(Buffer.from(parsed.data.publicKey, 'base64url')));
      if (!signed.ok) return refuse(reply, signed.refusal, signed.message);
      const enrolled = await enrollStation(db, parsed.data);
      if (!enrolled.ok) return refuse(reply, enrolled.refusal, enrolled.message);
      await claimNonce(db, parsed.data.stationId, signed.nonce);
      const answer: EnrollResponse = {
        stationId: parsed.data.stationId,
        name: enrolled.name,
        hubTime: new Date().toISOString(),
      };
      return sendJson(request, reply, answer);
    });

    scope.post(SYNC_PATHS.push, async (request, reply) => {
      const facts = { method: request.method, url: request.url, headers: request.headers, body: rawBody(request) };
      const verified = await verifyStationRequest(db, facts);
      if (!verified.ok) return refuse(reply, verified.refusal, verified.message);
      const body = readJson(request, reply);
      if (!body.ok) return reply;
      const parsed = PushRequest.safeParse(body.value);
      if (!parsed.success) return refuse(reply, 'malformed', 'the push does not match the contract');
      if (!(await claimNonce(db, verified.stationId, verified.nonce))) return replayed(reply);
      const results = await applyPush(db, verified.stationId, parsed.data.records, hooks);
      const answer: PushResponse = { results, hubTime: new Date().toISOString() };
      return sendJson(request, reply, answer);
    });

    scope.get(SYNC_PATHS.pull, async (request, reply) => {
      const facts = { method: request.method, url: request.url, headers: request.headers, body: rawBody(request) };
      const verified = await verifyStationRequest(db, facts);
      if (!verified.ok) return refuse(reply, verified.refusal, verified.message);
      const query = request.query as { after?: string; limit?: string };
      const after = Number(query.after ?? '0');
      const limit = Number(query.limit ?? String(MAX_PULL_ITEMS));
      if (
        !Number.isSafeInteger(after) ||
        after < 0 ||
        !Number.isSafeInteger(limit) ||
        limit < 1 ||
        limit > MAX_PULL_ITEMS
      )
        return refuse(reply, 'malformed', `after must be a cursor and limit 1..${MAX_PULL_ITEMS}`);
      if (!(await claimNonce(db, verified.stationId, verified.nonce))) return replayed(reply);
      const { items, more } = await readOutbound(db, verified.stationId, after, limit);
      await db.query('UPDATE stations SET last_seen_at = now() WHERE station_id = $1', [verified.stationId]);
      const answer: PullResponse = {
        items,
        cursor: items.at(-1)?.seq ?? after,
        more,
        hubTime: new Date().toISOString(),
      };
      return sendJson(request, reply, answer);
    });
  });
}
