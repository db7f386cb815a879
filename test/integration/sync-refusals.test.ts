import { generateKeyPairSync } from 'node:crypto';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import { createRequestSigner } from '../../main/sync/request-signer.js';
import type { RequestSigner } from '../../main/sync/request-signer.js';
import { publicKeyText } from '../../main/sync/station-keys.js';
import { insertEnrollmentCode, pushRecord } from '../support/sync-fixture.js';
import { enrollTestStation, newTestStation, revokeTestStation } from '../support/test-station.js';
import { buildHub } from '../../hub/server/app.js';
import { openPglite } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';

let db: HubDb;
let app: FastifyInstance;
const stationId = uuidv7();
const keys = generateKeyPairSync('ed25519');
const signer = createRequestSigner(stationId, keys.privateKey);
const revokedId = uuidv7();
const revokedKeys = generateKeyPairSync('ed25519');

const record = pushRecord;

interface Sent {
  method?: 'POST' | 'GET';
  path?: string;
  body?: Buffer;
  headers?: Record<string, string>;
  sign?: RequestSigner | null;
}

async function send(request: Sent) {
  const method = request.method ?? 'POST';
  const path = request.path ?? SYNC_PATHS.push;
  const body = request.body;
  const signed = request.sign === null ? {} : (request.sign ?? signer)({ method, path, ...(body ? { body } : {}) });
  return app.inject({
    method,
    url: path,
    headers: { 'content-type': 'application/json', 'content-encoding': 'br', ...signed, ...request.headers },
    ...(body ? { payload: body } : {}),
  });
}

const br = (value: unknown): Buffer =>
  brotliCompressSync(Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)));

/** Everything a refused request could have changed. */
async function snapshot(): Promise<unknown> {
  return {
    records: await db.query('SELECT record_id, version, body_sha256 FROM hub_records ORDER BY record_id'),
    nonces: await db.query('SELECT count(*)::int AS n FROM request_nonces'),
    stations: await db.query('SELECT station_id, public_key, revoked_at FROM stations ORDER BY station_id'),
    codes: await db.query('SELECT code_sha256, used_at FROM enrollment_codes ORDER BY code_sha256'),
  };
}

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  app = await buildHub({ db, version: 'test', logger: false });
  await insertEnrollmentCode(db);
  await enrollTestStation(db, { station: newTestStation(stationId, keys.privateKey) });
  await enrollTestStation(db, { station: newTestStation(revokedId, revokedKeys.privateKey) });
  await revokeTestStation(db, revokedId);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const otherKeys = generateKeyPairSync('ed25519');
const tooOld = new Date(Date.now() - 10 * 60_000);
const bomb = brotliCompressSync(Buffer.alloc(64 * 1024 * 1024, 0x20));

// Each row: a request the hub must refuse, the status and error it must answer with.
const cases: Array<[string, () => Sent, number, string]> = [
  ['unsigned', () => ({ body: br({ records: [record()] }), sign: null }), 401, 'signature_missing'],
  [
    'signed by another key',
    () => ({ body: br({ records: [record()] }), sign: createRequestSigner(stationId, otherKeys.privateKey) }),
    401,
    'signature_invalid',
  ],
  [
    'body changed after signing',
    () => {
      const body = br({ records: [record()] });
      const headers = signer({ method: 'POST', path: SYNC_PATHS.push, body });
      return { body: br({ records: [record(), record()] }), sign: null, headers };
    },
    401,
    'signature_invalid',
  ],
  [
    'path changed after signing',
    () => {
      const body = br({ records: [record()] });
      return { body, sign: null, headers: signer({ method: 'POST', path: '/api/sync/other', body }) };
    },
    401,
    'signature_invalid',
  ],
  [
    'unknown station',
    () => ({ body: br({ records: [record()] }), sign: createRequestSigner(uuidv7(), keys.privateKey) }),
    401,
    'station_unknown',
  ],
  [
    'revoked station',
    () => ({ body: br({ records: [record()] }), sign: createRequestSigner(revokedId, revokedKeys.privateKey) }),
    403,
    'station_revoked',
  ],
  [
    'clock ten minutes behind',
    () => ({ body: br({ records: [record()] }), sign: createRequestSigner(stationId, keys.privateKey, () => tooOld) }),
    401,
    'clock_skew',
  ],
  ['not JSON', () => ({ body: br('{"records": [') }), 400, 'malformed'],
  ['not the contract', () => ({ body: br({ records: [{ id: 'x' }] }) }), 400, 'malformed'],
  ['empty batch', () => ({ body: br({ records: [] }) }), 400, 'malformed'],
  ['extra top-level field', () => ({ body: br({ records: [record()], admin: true }) }), 400, 'malformed'],
  ['corrupt Brotli', () => ({ body: Buffer.from('not brotli at all') }), 400, 'malformed'],
  [
    'unknown content encoding',
    () => ({ body: br({ records: [record()] }), headers: { 'content-encoding': 'zstd' } }),
    415,
    'unsupported_encoding',
  ],
  ['decompression bomb (64 MB of spaces)', () => ({ body: bomb }), 413, 'too_large'],
  ['oversized body on the wire', () => ({ body: Buffer.alloc(5 * 1024 * 1024, 1) }), 413, 'too_large'],
  [
    'too many records',
    () => ({ body: br({ records: Array.from({ length: 2001 }, () => record()) }) }),
    400,
    'malformed',
  ],
  [
    'pull with a negative cursor',
    () => ({ method: 'GET', path: `${SYNC_PATHS.pull}?after=-1`, headers: { 'content-encoding': 'identity' } }),
    400,
    'malformed',
  ],
  [
    'enrollment with a wrong code',
    () => {
      const fresh = generateKeyPairSync('ed25519');
      const id = uuidv7();
      const body = gzipSync(
        JSON.stringify({
          code: 'AAAA-BBBB-CCCC-DDDD',
          stationId: id,
          publicKey: publicKeyText(fresh.publicKey),
          appVersion: 't',
        }),
      );
      return {
        path: SYNC_PATHS.enroll,
        body,
        headers: { 'content-encoding': 'gzip' },
        sign: createRequestSigner(id, fresh.privateKey),
      };
    },
    403,
    'enrollment_code_invalid',
  ],
];

describe('the hub refuses bad sync requests and changes nothing', () => {
  it.each(cases.map(([name, make, status, error]) => ({ name, make, status, error })))(
    '$name → $status $error',
    async ({ make, status, error }) => {
      const before = await snapshot();
      const response = await send(make());
      expect(response.statusCode).toBe(status);
      expect(response.json()).toMatchObject({ error, message: expect.any(String) });
      expect(await snapshot()).toEqual(before);
    },
  );

  it('refuses a replayed request, byte for byte, after applying it once', async () => {
    const body = br({ records: [record()] });
    const headers = signer({ method: 'POST', path: SYNC_PATHS.push, body });
    const first = await send({ body, sign: null, headers });
    expect(first.statusCode).toBe(200);
    const before = await snapshot();
    const replay = await send({ body, sign: null, headers });
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ error: 'nonce_replayed' });
    expect(await snapshot()).toEqual(before);
  });

  it('answers per record: applied, duplicate, rejected — and a rejected record does not stop the rest', async () => {
    const good = record();
    const foreignType = record({ type: 'Invoice' });
    const lying = record({ body: JSON.stringify({ resourceType: 'Patient', id: 'other' }) });
    const next = record();
    const response = await send({ body: br({ records: [good, foreignType, lying, next] }) });
    expect(response.statusCode).toBe(200);
    expect(response.json().results).toEqual([
      { outcome: 'applied' },
      { outcome: 'rejected', reason: 'unknown_type', detail: expect.any(String) },
      { outcome: 'rejected', reason: 'invalid_fhir', detail: expect.any(String) },
      { outcome: 'applied' },
    ]);
    const again = await send({
      body: br({ records: [good, { ...next, body: next.body.replace('final', 'amended') }] }),
    });
    expect(again.json().results).toEqual([
      { outcome: 'duplicate' },
      { outcome: 'rejected', reason: 'version_conflict', detail: expect.any(String) },
    ]);
  });
});

describe('nonce bookkeeping', () => {
  it('forgets nonces older than twice the clock window, and only those', async () => {
    const { pruneExpiredNonces } = await import('../../hub/server/sync/verify-request.js');
    await db.query(
      `INSERT INTO request_nonces (station_id, nonce, seen_at) VALUES ($1, 'old-nonce-0123456789', now() - interval '11 minutes'),
       ($1, 'recent-nonce-0123456789', now() - interval '9 minutes')`,
      [stationId],
    );
    await pruneExpiredNonces(db);
    const left = await db.query<{ nonce: string }>(
      `SELECT nonce FROM request_nonces WHERE nonce IN ('old-nonce-0123456789', 'recent-nonce-0123456789')`,
    );
    expect(left.map((row) => row.nonce)).toEqual(['recent-nonce-0123456789']);
  });
});
