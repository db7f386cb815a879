import { generateKeyPairSync } from 'node:crypto';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync } from 'node:zlib';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import { openPostgres } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { enqueueOutbound } from '../../hub/server/sync/outbound.js';
import type { Actor } from '../../main/records/ledger.js';
import { stationIdentity } from '../../main/station/station-identity.js';
import { createRequestSigner } from '../../main/sync/request-signer.js';
import { publicKeyText } from '../../main/sync/station-keys.js';
import { SyncEngine } from '../../main/sync/sync-engine.js';
import { createScratchDatabase } from '../support/hub-postgres-db.js';
import { postgresUnavailableReason, startPostgres } from '../support/postgres.js';
import type { TestPostgres } from '../support/postgres.js';
import { startHub } from '../support/station-process.js';
import type { HubProcess } from '../support/station-process.js';
import {
  hubRecords,
  insertEnrollmentCode,
  pushRecord,
  registerTestPatient,
  stationRecords,
  writeObservations,
} from '../support/sync-fixture.js';
import { enrollTestStation } from '../support/test-station.js';
import { useTempStore } from '../support/temp-store.js';

/**
 * Two hub processes on one PostgreSQL: nothing a request needs lives in a hub's memory, so a
 * station can be served by either, even alternately, and both refuse what either has seen.
 */
const givenUrl = process.env.HUB_TEST_DATABASE_URL || undefined;
const skip = givenUrl ? null : await postgresUnavailableReason();
if (skip) console.log(`sync-scale-out: skipped: ${skip}`);

const actor: Actor = { userId: 'u-1', stationId: 'set-below' };
const temp = useTempStore(actor);
let server: TestPostgres | undefined;
let drop: (() => Promise<void>) | undefined;
let db: HubDb;
let hubs: HubProcess[] = [];

/** A TCP balancer that hands each new connection to the next hub in turn. */
async function roundRobin(ports: number[]): Promise<{ url: string; close(): Promise<void> }> {
  let next = 0;
  const sockets = new Set<Socket>();
  const balancer = createServer((client) => {
    const upstream = connect(ports[next++ % ports.length] ?? 0, '127.0.0.1');
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => balancer.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(balancer.address() as AddressInfo).port}`,
    // Kept-alive connections would hold close() open for the hub's keep-alive timeout.
    close: () =>
      new Promise<void>((resolve) => {
        balancer.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}

beforeAll(async () => {
  if (skip) return;
  let url: string;
  if (givenUrl) {
    const scratch = await createScratchDatabase(givenUrl);
    url = scratch.url;
    drop = () => scratch.drop();
  } else {
    server = await startPostgres();
    url = server.url;
  }
  db = await openPostgres(url);
  await migrate(db);
  hubs = await Promise.all([startHub({ databaseUrl: url }), startHub({ databaseUrl: url })]);
}, 120_000);
afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.stop()));
  await db?.close();
  await drop?.();
  await server?.stop();
});
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const hubAt = (i: number): HubProcess => {
  const hub = hubs[i];
  if (!hub) throw new Error('hub not started');
  return hub;
};

describe.skipIf(skip !== null)('two hub processes on one PostgreSQL', () => {
  it('serve one station alternately: every record once, pulls in order, enrollment once', async () => {
    const balancer = await roundRobin([hubAt(0).port, hubAt(1).port]);
    cleanups.push(() => balancer.close());
    const url = balancer.url;
    const stationId = stationIdentity(temp.store.db);
    const station = { ...actor, stationId };
    writeObservations(temp.store.db, station, registerTestPatient(temp.store.db, station), 2000);
    const engine = new SyncEngine({
      db: temp.store.db,
      hubUrl: url,
      stationId,
      appVersion: 'test',
      logger: pino({ level: 'silent' }),
      enrollmentCode: await insertEnrollmentCode(db),
      batch: { maxRecords: 50, maxBytes: 1 << 20 },
      backoffMs: () => 100,
      idleMs: 60_000,
    });
    cleanups.push(() => engine.close());
    // Items queued for the station while it pushes, through the shared database.
    engine.start();
    for (let i = 0; i < 20; i++) {
      await db.transaction((tx) => enqueueOutbound(tx, stationId, 'record', uuidv7(), { n: i }).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const deadline = Date.now() + 60_000;
    while (engine.status().waiting.routine > 0 || engine.status().state !== 'online') {
      if (Date.now() > deadline) throw new Error(`not drained: ${JSON.stringify(engine.status())}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    engine.wake();
    await engine.idle();
    const local = stationRecords(temp.store.db);
    const remote = await hubRecords(db, stationId);
    expect(remote.rows).toBe(local.size);
    expect(remote.map).toEqual(local);
    const pulled = temp.store.db.prepare('SELECT payload FROM hub_inbox ORDER BY seq').all() as { payload: string }[];
    const queued = await db.query<{ n: number }>(
      "SELECT (payload->>'n')::int AS n FROM station_outbound WHERE station_id = $1 ORDER BY seq",
      [stationId],
    );
    expect(pulled.map((row) => JSON.parse(row.payload).n)).toEqual(queued.map((row) => row.n));
  }, 120_000);

  it('apply one batch sent to both at once exactly once, and refuse its replay at the other', async () => {
    const { stationId, privateKey } = await enrollTestStation(db);
    const signer = createRequestSigner(stationId, privateKey);
    const records = Array.from({ length: 300 }, () => pushRecord());
    const body = brotliCompressSync(JSON.stringify({ records }));
    const push = (hub: HubProcess, headers = signer({ method: 'POST', path: SYNC_PATHS.push, body })) =>
      fetch(`${hub.url}${SYNC_PATHS.push}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'br' },
        body,
      });
    const answers = await Promise.all([push(hubAt(0)), push(hubAt(1))]);
    const results = await Promise.all(
      answers.map(async (a) => ((await a.json()) as { results: { outcome: string }[] }).results),
    );
    for (let i = 0; i < records.length; i++)
      expect([results[0]?.[i]?.outcome, results[1]?.[i]?.outcome].sort()).toEqual(['applied', 'duplicate']);
    expect((await hubRecords(db, stationId)).rows).toBe(records.length);

    const headers = signer({ method: 'POST', path: SYNC_PATHS.push, body });
    expect((await push(hubAt(0), headers)).status).toBe(200);
    const replay = await push(hubAt(1), headers);
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: 'nonce_replayed' });
  });

  it('let a one-time enrollment code enroll one station only, even when both hubs get it at once', async () => {
    const code = await insertEnrollmentCode(db);
    const attempt = (hub: HubProcess) => {
      const keys = generateKeyPairSync('ed25519');
      const id = uuidv7();
      const body = Buffer.from(
        JSON.stringify({ code, stationId: id, publicKey: publicKeyText(keys.publicKey), appVersion: 't' }),
      );
      const headers = createRequestSigner(id, keys.privateKey)({ method: 'POST', path: SYNC_PATHS.enroll, body });
      return fetch(`${hub.url}${SYNC_PATHS.enroll}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body,
      });
    };
    const statuses = (await Promise.all([attempt(hubAt(0)), attempt(hubAt(1))])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 403]);
  });
});
