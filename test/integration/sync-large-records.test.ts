import { createHash } from 'node:crypto';
import { brotliCompressSync, constants } from 'node:zlib';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import { UNSIGNED_PAYLOAD } from '../../contract/sync/signing.js';
import { RECORD_BODY_MEDIA_TYPE, SYNC_PATHS } from '../../contract/sync/wire.js';
import { appendRecord } from '../../main/records/ledger.js';
import type { Actor } from '../../main/records/ledger.js';
import { stationIdentity } from '../../main/station/station-identity.js';
import { createRequestSigner } from '../../main/sync/request-signer.js';
import { stationKeys } from '../../main/sync/station-keys.js';
import { SyncEngine } from '../../main/sync/sync-engine.js';
import { startChaosProxy } from '../support/chaos-proxy.js';
import { hubRecords, pushRecord, registerTestPatient, startTestHub, stationRecords } from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';
import { enrollTestStation, newTestStation } from '../support/test-station.js';
import { useTempStore } from '../support/temp-store.js';

/** Records too large for a batch (ECG strips) go as resumable uploads and apply only when complete. */
const actor: Actor = { userId: 'u-1', stationId: 'set-below' };
const temp = useTempStore(actor);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A 12-lead, 10-second ECG-shaped Observation body (about 600 KB of SampledData text). */
function ecgBody(id: string, patientId: string): unknown {
  let seed = 7;
  const noise = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % 400;
  return {
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '11524-6', display: 'EKG study' }] },
    subject: { reference: `Patient/${patientId}` },
    component: Array.from({ length: 12 }, (_, lead) => ({
      code: { text: `lead ${lead}` },
      valueSampledData: {
        origin: { value: 0 },
        period: 2,
        dimensions: 1,
        data: Array.from({ length: 5000 }, () => noise() - 200).join(' '),
      },
    })),
  };
}

function writeEcg(stationId: string): string {
  const station = { ...actor, stationId };
  const patientId = registerTestPatient(temp.store.db, station);
  const id = uuidv7();
  temp.store.db.transaction(() =>
    appendRecord(
      temp.store.db,
      station,
      {
        id,
        version: 1,
        type: 'Observation',
        patientId,
        encounterId: null,
        status: 'final',
        body: ecgBody(id, patientId),
      },
      'record-ecg',
      new Date().toISOString(),
    ),
  )();
  return id;
}

async function engineVia(hub: TestHub, url: string): Promise<{ engine: SyncEngine; stationId: string }> {
  const stationId = stationIdentity(temp.store.db);
  const engine = new SyncEngine({
    db: temp.store.db,
    hubUrl: url,
    stationId,
    appVersion: 'test',
    logger: pino({ level: 'silent' }),
    enrollmentCode: await hub.enrollmentCode(),
    backoffMs: () => 100,
    requestTimeoutMs: 3_000,
    uploadChunkBytes: 32 * 1024,
  });
  cleanups.push(() => engine.close());
  return { engine, stationId };
}

describe('large records', () => {
  it('an ECG strip crosses a link that keeps cutting connections, resumed, and arrives byte for byte', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const proxy = await startChaosProxy({
      target: { host: '127.0.0.1', port: hub.port },
      bytesPerSecond: 300_000,
      faults: { cutRequest: 0.25, cutResponse: 0.15, errorStatus: 0.1 },
    });
    cleanups.push(() => proxy.close());
    const { engine, stationId } = await engineVia(hub, proxy.url);
    const ecgId = writeEcg(stationId);
    engine.start();
    const deadline = Date.now() + 90_000;
    while (engine.status().waiting.routine > 0) {
      if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(engine.status())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const local = stationRecords(temp.store.db);
    const remote = await hubRecords(hub.db, stationId);
    expect(remote.map).toEqual(local);
    expect(remote.map.has(`${ecgId}/1`)).toBe(true);
    const faults = proxy.stats().faults;
    expect(faults.cutRequest + faults.cutResponse + faults.errorStatus).toBeGreaterThan(0);
    expect(
      temp.store.db.prepare('SELECT count(*) AS n FROM payload_uploads WHERE completed_at IS NOT NULL').get(),
    ).toEqual({
      n: 1,
    });
    // Resumed, not restarted: each fault costs at most the chunk in flight (32 KB) and headers.
    const { body } = temp.store.db.prepare('SELECT body FROM records WHERE id = ?').get(ecgId) as { body: string };
    const size = brotliCompressSync(Buffer.from(body), { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }).length;
    const sent = proxy.stats().bytes.up;
    expect(sent).toBeLessThan(size + (faults.cutRequest + faults.cutResponse + faults.errorStatus + 4) * 40 * 1024);
  }, 120_000);

  it('a record whose upload is incomplete is pending, and applied once the last byte is in', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    const stationId = stationIdentity(temp.store.db);
    const { privateKey } = stationKeys(temp.store.db);
    await enrollTestStation(hub.db, { station: newTestStation(stationId, privateKey) });
    const signer = createRequestSigner(stationId, privateKey);
    const id = uuidv7();
    const body = JSON.stringify(ecgBody(id, uuidv7()));
    const data = brotliCompressSync(Buffer.from(body), { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } });
    const sha256 = createHash('sha256').update(data).digest('hex');
    const b64 = (text: string) => Buffer.from(text).toString('base64');

    const created = await fetch(`${hub.url}${SYNC_PATHS.uploads}`, {
      method: 'POST',
      headers: {
        ...signer({ method: 'POST', path: SYNC_PATHS.uploads }),
        'tus-resumable': '1.0.0',
        'upload-length': String(data.length),
        'upload-metadata': `sha256 ${b64(sha256)},mediaType ${b64(RECORD_BODY_MEDIA_TYPE)}`,
      },
    });
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location') ?? '', hub.url);
    const uploadId = location.pathname.split('/').at(-1) ?? '';
    const patch = async (from: number, to: number) => {
      const response = await fetch(location, {
        method: 'PATCH',
        headers: {
          ...signer({
            method: 'PATCH',
            path: location.pathname,
            bodySha256: UNSIGNED_PAYLOAD,
            uploadOffset: String(from),
          }),
          'tus-resumable': '1.0.0',
          'upload-offset': String(from),
          'content-type': 'application/offset+octet-stream',
        },
        body: data.subarray(from, to),
      });
      expect(response.status).toBe(204);
    };
    const record = pushRecord({ id, body: '', bodyInPayload: true, payload: { uploadId, sha256, size: data.length } });
    const push = async () => {
      const json = brotliCompressSync(JSON.stringify({ records: [record] }));
      const response = await fetch(`${hub.url}${SYNC_PATHS.push}`, {
        method: 'POST',
        headers: {
          ...signer({ method: 'POST', path: SYNC_PATHS.push, body: json }),
          'content-type': 'application/json',
          'content-encoding': 'br',
        },
        body: json,
      });
      return ((await response.json()) as { results: unknown[] }).results[0];
    };

    const half = Math.floor(data.length / 2);
    await patch(0, half);
    expect(await push()).toEqual({ outcome: 'pending', reason: 'payload_incomplete' });
    expect((await hubRecords(hub.db, stationId)).rows).toBe(0);
    await patch(half, data.length);
    expect(await push()).toEqual({ outcome: 'applied' });
    const [stored] = await hub.db.query<{ body_sha256: string }>(
      'SELECT body_sha256 FROM hub_records WHERE record_id = $1',
      [id],
    );
    expect(stored?.body_sha256).toBe(createHash('sha256').update(body).digest('hex'));
    expect(await push()).toEqual({ outcome: 'duplicate' });
  });
});
