import { randomBytes } from 'node:crypto';
import { Server } from '@tus/server';
import type { ServerOptions } from '@tus/server';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { UNSIGNED_PAYLOAD } from '../../../contract/sync/signing.js';
import { SYNC_PATHS } from '../../../contract/sync/wire.js';
import type { HubRefusal } from '../../../contract/sync/wire.js';
import type { HubDb } from '../db.js';
import { refuse } from '../sync/refusal.js';
import { claimNonce, verifyStationRequest } from '../sync/verify-request.js';
import { MAX_UPLOAD_BYTES, checkCreation } from './creation-rules.js';
import type { UploadClaim } from './creation-rules.js';
import { DbDataStore } from './db-data-store.js';
import { DbLocker } from './db-locker.js';
import { finalizeUpload, readUpload } from './payload-store.js';

/** The same shape as PayloadRef.uploadId in the contract. */
const UPLOAD_ID = /^[A-Za-z0-9_-]{8,128}$/;
/** tus's status for a payload whose bytes do not match its checksum (checksum extension). */
const CHECKSUM_MISMATCH = 460;

type TusRequest = Parameters<NonNullable<ServerOptions['onUploadCreate']>>[0];

/** An error tus answers with its own status and body. */
const tusError = (status_code: number, body: string): Error => Object.assign(new Error(body), { status_code, body });

function createTusServer(db: HubDb, log: FastifyBaseLogger, claims: WeakMap<object, UploadClaim>): Server {
  const datastore = new DbDataStore(db);
  return new Server({
    path: SYNC_PATHS.uploads.replace(/\/$/, ''),
    datastore,
    locker: new DbLocker(db),
    maxSize: MAX_UPLOAD_BYTES,
    // Relative, so the URL stays right behind a TLS proxy or a load balancer in front of the hubs.
    relativeLocation: true,
    // Stations are not browsers: no CORS headers.
    allowedOrigins: [],
    namingFunction: () => randomBytes(18).toString('base64url'),
    async onUploadCreate(req: TusRequest, upload) {
      const raw = req.runtime?.node?.req;
      const claim = raw ? claims.get(raw) : undefined;
      if (!claim) throw tusError(401, 'the request is not signed\n');
      datastore.claim(upload, claim);
      return {};
    },
    async onUploadFinish(_req, upload) {
      const state = await finalizeUpload(db, upload.id);
      if (state !== 'complete')
        throw tusError(CHECKSUM_MISMATCH, 'the payload does not match the sha256 it was declared with\n');
      return {};
    },
    onResponseError(_req, error) {
      if ('status_code' in error) return undefined;
      // Database and other failures: logged here, never echoed to the station.
      log.error({ err: error }, 'upload request failed');
      return { status_code: 500, body: 'the hub could not store the upload\n' };
    },
  });
}

const headerText = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? undefined : value;

/**
 * Refuses with the contract's status and JSON body. A refused PATCH closes the connection, so
 * the hub does not read megabytes of a body it will not store.
 */
function deny(request: FastifyRequest, reply: FastifyReply, refusal: HubRefusal, message: string): FastifyReply {
  if (request.method === 'PATCH') reply.header('connection', 'close');
  return refuse(reply, refusal, message);
}

/**
 * Mounts the tus upload endpoint at SYNC_PATHS.uploads. Every request but the OPTIONS preflight
 * is signed by an enrolled station; an upload can only be seen and continued by the station
 * that created it; bytes and offsets live in the hub database (any hub process can continue).
 */
export async function registerUploads(app: FastifyInstance, db: HubDb): Promise<void> {
  await app.register(async (scope) => {
    // tus reads PATCH bodies itself from the raw request, once the request is authenticated.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    // Keyed by the raw request: tus hands the creation hook a request of its own wrapping it.
    const claims = new WeakMap<object, UploadClaim>();
    const tus = createTusServer(db, scope.log, claims);

    const handle = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> => {
      const { method } = request;
      // tus takes the upload id from the URL's end, which a query would become part of.
      if (request.url.includes('?')) return deny(request, reply, 'malformed', 'upload URLs take no query');
      if (method !== 'OPTIONS') {
        const uploadOffset = headerText(request.headers['upload-offset']);
        const verified = await verifyStationRequest(db, {
          method,
          url: request.url,
          headers: request.headers,
          body: null,
          ...(method === 'PATCH' ? { bodySha256: UNSIGNED_PAYLOAD, uploadOffset } : {}),
        });
        if (!verified.ok) return deny(request, reply, verified.refusal, verified.message);
        if (method === 'POST') {
          const checked = await checkCreation(db, verified.stationId, request.headers);
          if (!checked.ok) return deny(request, reply, checked.refusal, checked.message);
          claims.set(request.raw, checked.claim);
        } else {
          const { uploadId } = request.params as { uploadId: string };
          const upload = UPLOAD_ID.test(uploadId) ? await readUpload(db, uploadId) : undefined;
          // Another station's upload is answered exactly like one that does not exist.
          // A mismatched one is dead: the station's client then starts a fresh upload.
          if (!upload || upload.stationId !== verified.stationId || upload.state === 'mismatch')
            return deny(request, reply, 'not_found', 'there is no such upload');
        }
        // Last, so a refused request leaves no trace, not even its nonce.
        if (!(await claimNonce(db, verified.stationId, verified.nonce)))
          return deny(request, reply, 'nonce_replayed', 'this request was already received');
      }
      reply.hijack();
      try {
        await tus.handle(request.raw, reply.raw);
      } catch (error) {
        request.log.error({ err: error }, 'upload response failed');
        reply.raw.destroy();
      }
      return undefined;
    };

    scope.route({ method: ['POST', 'OPTIONS'], url: SYNC_PATHS.uploads, handler: handle });
    scope.route({ method: ['HEAD', 'PATCH', 'OPTIONS'], url: `${SYNC_PATHS.uploads}:uploadId`, handler: handle });
  });
}
