import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UNSIGNED_PAYLOAD } from '../../contract/sync/signing.js';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import { openPglite, openPostgres } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { MAX_UPLOAD_BYTES, payloadStatus, readPayload } from '../../hub/server/uploads/index.js';
import { HubUnreachable } from '../../main/sync/hub-http.js';
import { uploadPayload } from '../../main/sync/payload-upload.js';
import type { RequestSigner } from '../../main/sync/request-signer.js';
import { startChaosProxy } from '../support/chaos-proxy.js';
import { createScratchDatabase } from '../support/hub-postgres-db.js';
import {
  CHUNK_BYTES,
  PAYLOAD_BYTES,
  UploadStation,
  cleanups,
  closeUploadFixtures,
  countRows,
  interruptAndResume,
  payload,
  startHub,
  startRelay,
  uploadRow,
} from '../support/upload-fixture.js';
import type { UploadHub } from '../support/upload-fixture.js';

afterEach(closeUploadFixtures);

describe('resumable payload uploads on one hub (PGlite)', () => {
  let db: HubDb;
  let hub: UploadHub;

  beforeAll(async () => {
    db = await openPglite();
    await migrate(db);
    hub = await startHub(db, true);
  });
  afterAll(async () => {
    await hub.close();
    await db.close();
  });

  it('resumes an interrupted 5 MB upload from the hub offset and stores it byte for byte', async () => {
    await interruptAndResume(db, await startRelay(hub.port));
  });

  it('continues on a second hub instance what the first one received', async () => {
    const first = await startHub(db);
    const second = await startHub(db);
    const relay = await startRelay(first.port);
    await interruptAndResume(db, relay, async () => {
      await first.close();
      relay.target = second.port;
    });
  });

  it('converges through a link that cuts requests and responses and answers 503 at random', async () => {
    const station = new UploadStation();
    await station.enrollAt(db);
    const { data, sha256 } = payload(PAYLOAD_BYTES);
    let seed = 11;
    // A fixed sequence (xorshift), so a failing run repeats.
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 2 ** 32;
    };
    const chaos = await startChaosProxy({
      target: { host: '127.0.0.1', port: hub.port },
      faults: { cutRequest: 0.2, cutResponse: 0.15, errorStatus: 0.1 },
      random,
    });
    cleanups.push(() => chaos.close());
    let uploadId: string | undefined;
    // As the sync loop would: call again after each failure, until the payload is there.
    for (let attempt = 0; !uploadId; attempt += 1) {
      if (attempt === 40) throw new Error('the upload never finished through the chaos proxy');
      try {
        ({ uploadId } = await uploadPayload({
          hubUrl: chaos.url,
          signer: station.signer,
          db: station.store.db,
          sha256,
          mediaType: 'application/octet-stream',
          data,
          chunkSize: CHUNK_BYTES / 2,
          retryDelays: [0, 20],
        }));
      } catch (error) {
        if (!(error instanceof HubUnreachable)) throw error;
      }
    }
    const stats = chaos.stats();
    expect(stats.faults.cutRequest + stats.faults.cutResponse + stats.faults.errorStatus).toBeGreaterThan(3);
    expect((await readPayload(db, uploadId))?.data.equals(data)).toBe(true);
    expect(await payloadStatus(db, station.stationId, { uploadId, sha256, size: PAYLOAD_BYTES })).toBe('complete');
    // Resuming, not restarting: what went up is the payload plus what the cuts wasted, not many copies.
    expect(stats.bytes.up).toBeLessThan(2 * PAYLOAD_BYTES);
  });

  /** Sends one tus request to `hub`, signed by `signer` unless it is null. */
  async function send(
    signer: RequestSigner | null,
    method: 'POST' | 'HEAD' | 'PATCH',
    path: string,
    headers: Record<string, string>,
    body?: Buffer,
    signedOffset?: string,
  ): Promise<Response> {
    const offset = signedOffset ?? headers['upload-offset'];
    const signed = !signer
      ? {}
      : method === 'PATCH'
        ? signer({ method, path, bodySha256: UNSIGNED_PAYLOAD, uploadOffset: offset ?? '' })
        : signer({ method, path });
    return fetch(`${hub.url}${path}`, { method, headers: { 'tus-resumable': '1.0.0', ...headers, ...signed }, body });
  }

  const metadata = (sha256: string, mediaType = 'application/octet-stream'): string =>
    `sha256 ${Buffer.from(sha256).toString('base64')},mediaType ${Buffer.from(mediaType).toString('base64')}`;

  async function create(signer: RequestSigner, size: number, sha256: string): Promise<string> {
    const response = await send(signer, 'POST', SYNC_PATHS.uploads, {
      'upload-length': String(size),
      'upload-metadata': metadata(sha256),
    });
    expect(response.status).toBe(201);
    return `${SYNC_PATHS.uploads}${response.headers.get('location')!.split('/').at(-1)}`;
  }

  const patchHeaders = (offset: number) => ({
    'upload-offset': String(offset),
    'content-type': 'application/offset+octet-stream',
  });

  it('marks an upload whose bytes do not match the declared sha256 as a mismatch', async () => {
    const station = new UploadStation();
    await station.enrollAt(db);
    const declared = payload(64 * 1024);
    const sent = payload(64 * 1024).data;
    const path = await create(station.signer, sent.length, declared.sha256);
    const uploadId = path.split('/').at(-1)!;
    const response = await send(station.signer, 'PATCH', path, patchHeaders(0), sent);
    expect(response.status).toBe(460);
    const ref = { uploadId, sha256: declared.sha256, size: sent.length };
    expect(await payloadStatus(db, station.stationId, ref)).toBe('mismatch');
    expect(await readPayload(db, uploadId)).toBeNull();
    // The dead upload is gone for the station, whose client then starts a fresh one.
    expect((await send(station.signer, 'HEAD', path, {})).status).toBe(404);
    // A record that declares another hash or size than the upload does not match it either.
    const good = payload(1000);
    const goodPath = await create(station.signer, 1000, good.sha256);
    expect((await send(station.signer, 'PATCH', goodPath, patchHeaders(0), good.data)).status).toBe(204);
    const goodId = goodPath.split('/').at(-1)!;
    expect(await payloadStatus(db, station.stationId, { uploadId: goodId, sha256: good.sha256, size: 1000 })).toBe(
      'complete',
    );
    expect(await payloadStatus(db, station.stationId, { uploadId: goodId, sha256: declared.sha256, size: 1000 })).toBe(
      'mismatch',
    );
    expect(await payloadStatus(db, station.stationId, { uploadId: goodId, sha256: good.sha256, size: 999 })).toBe(
      'mismatch',
    );
  });

  it('refuses unsigned, wrongly signed, malformed and other stations’ requests and stores nothing', async () => {
    const owner = new UploadStation();
    const other = new UploadStation();
    const stranger = new UploadStation(); // never enrolled
    await owner.enrollAt(db);
    await other.enrollAt(db);
    const { data, sha256 } = payload(4096);
    const path = await create(owner.signer, data.length, sha256);
    const uploads = await countRows(db, 'uploads');
    const createHeaders = { 'upload-length': '4096', 'upload-metadata': metadata(sha256) };

    const cases: Array<[string, () => Promise<Response>, number, string]> = [
      ['unsigned creation', () => send(null, 'POST', SYNC_PATHS.uploads, createHeaders), 401, 'signature_missing'],
      [
        'creation by an unknown station',
        () => send(stranger.signer, 'POST', SYNC_PATHS.uploads, createHeaders),
        401,
        'station_unknown',
      ],
      [
        'creation signed for another path',
        async () => {
          const signed = owner.signer({ method: 'POST', path: '/api/sync/push' });
          return fetch(`${hub.url}${SYNC_PATHS.uploads}`, {
            method: 'POST',
            headers: { 'tus-resumable': '1.0.0', ...createHeaders, ...signed },
          });
        },
        401,
        'signature_invalid',
      ],
      [
        'creation without mediaType',
        () =>
          send(owner.signer, 'POST', SYNC_PATHS.uploads, {
            'upload-length': '4096',
            'upload-metadata': `sha256 ${Buffer.from(sha256).toString('base64')}`,
          }),
        400,
        'malformed',
      ],
      [
        'creation with a bad sha256',
        () =>
          send(owner.signer, 'POST', SYNC_PATHS.uploads, {
            'upload-length': '4096',
            'upload-metadata': metadata('ABC'),
          }),
        400,
        'malformed',
      ],
      [
        'creation over the size limit',
        () =>
          send(owner.signer, 'POST', SYNC_PATHS.uploads, {
            'upload-length': String(MAX_UPLOAD_BYTES + 1),
            'upload-metadata': metadata(sha256),
          }),
        413,
        'too_large',
      ],
      ['HEAD by another station', () => send(other.signer, 'HEAD', path, {}), 404, ''],
      ['PATCH by another station', () => send(other.signer, 'PATCH', path, patchHeaders(0), data), 404, 'not_found'],
      ['unsigned PATCH', () => send(null, 'PATCH', path, patchHeaders(0), data), 401, 'signature_missing'],
      [
        'PATCH signed for another offset',
        () => send(owner.signer, 'PATCH', path, patchHeaders(0), data, '2048'),
        401,
        'signature_invalid',
      ],
      [
        'PATCH to an upload that does not exist',
        () => send(owner.signer, 'PATCH', `${SYNC_PATHS.uploads}nosuchupload1`, patchHeaders(0), data),
        404,
        'not_found',
      ],
    ];
    for (const [name, request, status, error] of cases) {
      const response = await request();
      expect({ name, status: response.status }).toEqual({ name, status });
      // HEAD answers carry no body.
      if (error)
        expect({ name, body: await response.json() }).toEqual({ name, body: expect.objectContaining({ error }) });
    }
    expect(await countRows(db, 'uploads')).toBe(uploads);
    expect(await uploadRow(db, path.split('/').at(-1)!)).toEqual({ upload_offset: 0, state: 'open' });

    // A replayed PATCH is refused even though its first delivery was good.
    const signed = owner.signer({ method: 'PATCH', path, bodySha256: UNSIGNED_PAYLOAD, uploadOffset: '0' });
    const replay = () =>
      fetch(`${hub.url}${path}`, {
        method: 'PATCH',
        headers: { 'tus-resumable': '1.0.0', ...patchHeaders(0), ...signed },
        body: data.subarray(0, 1024),
      });
    expect((await replay()).status).toBe(204);
    const again = await replay();
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: 'nonce_replayed' });
    expect(Number((await uploadRow(db, path.split('/').at(-1)!))!.upload_offset)).toBe(1024);
  });
});

// CI names a real PostgreSQL server; two pools on one database stand for two hub processes.
const postgresUrl = process.env.HUB_TEST_DATABASE_URL || undefined;
if (!postgresUrl) console.log('sync-uploads: skipping the PostgreSQL case: HUB_TEST_DATABASE_URL is not set');

describe.skipIf(!postgresUrl)('resumable payload uploads across two hub processes (PostgreSQL)', () => {
  it('continues on a second hub, with its own connection pool, what the first one received', async () => {
    const scratch = await createScratchDatabase(postgresUrl!);
    cleanups.push(() => scratch.drop());
    const firstDb = await openPostgres(scratch.url);
    const secondDb = await openPostgres(scratch.url);
    cleanups.push(
      () => firstDb.close(),
      () => secondDb.close(),
    );
    await migrate(firstDb);
    const first = await startHub(firstDb);
    const second = await startHub(secondDb);
    const relay = await startRelay(first.port);
    await interruptAndResume(firstDb, relay, async () => {
      await first.close();
      relay.target = second.port;
    });
  });
});
