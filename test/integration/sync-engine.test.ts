import { createServer, request as httpRequest } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import type { Actor } from '../../main/records/ledger.js';
import { SyncEngine } from '../../main/sync/sync-engine.js';
import { stationIdentity } from '../../main/station/station-identity.js';
import { enqueueOutbound } from '../../hub/server/sync/outbound.js';
import { useTempStore } from '../support/temp-store.js';
import {
  hubRecords,
  registerTestPatient,
  startTestHub,
  stationRecords,
  writeObservations,
} from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';

const actor: Actor = { userId: 'u-1', stationId: 'set-below' };
const temp = useTempStore(actor);
const logger = pino({ level: 'silent' });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  options: { code?: boolean } = {},
): Promise<{ hub: TestHub; engine: SyncEngine; stationId: string }> {
  const hub = await startTestHub();
  cleanups.push(() => hub.close());
  const stationId = stationIdentity(temp.store.db);
  const code = options.code === false ? undefined : await hub.enrollmentCode();
  const engine = new SyncEngine({
    db: temp.store.db,
    hubUrl: hub.url,
    stationId,
    appVersion: 'test',
    logger,
    ...(code ? { enrollmentCode: code } : {}),
    idleMs: 60_000,
    backoffMs: () => 100,
  });
  cleanups.push(() => engine.close());
  return { hub, engine, stationId };
}

async function until(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('sync engine against a real hub', () => {
  it('enrolls, pushes every record exactly once and empties the outbox', async () => {
    const { hub, engine, stationId } = await setup();
    const station = { ...actor, stationId };
    const patientId = registerTestPatient(temp.store.db, station);
    writeObservations(temp.store.db, station, patientId, 50);
    engine.start();
    await until(() => engine.status().state === 'online' && engine.status().waiting.routine === 0);
    const local = stationRecords(temp.store.db);
    const remote = await hubRecords(hub.db, stationId);
    expect(remote.rows).toBe(local.size);
    expect(remote.map).toEqual(local);
    expect(temp.store.db.prepare('SELECT count(*) AS n FROM sync_acks').get()).toEqual({ n: local.size });
    expect(engine.status()).toMatchObject({ waiting: { emergency: 0, consult: 0, routine: 0 }, needsAttention: 0 });
  });

  it('stays not_enrolled without a code and pushes nothing', async () => {
    const { engine, hub, stationId } = await setup({ code: false });
    registerTestPatient(temp.store.db, { ...actor, stationId });
    engine.start();
    await engine.idle();
    expect(engine.status().state).toBe('not_enrolled');
    expect((await hubRecords(hub.db, stationId)).rows).toBe(0);
  });

  it('pulls what the hub queued, in order, and moves the cursor with it', async () => {
    const { hub, engine, stationId } = await setup();
    engine.start();
    await until(() => engine.status().state === 'online');
    await hub.db.transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        await enqueueOutbound(tx, stationId, 'record', crypto.randomUUID(), { resourceType: 'Communication', n: i });
    });
    engine.wake();
    await until(() => (temp.store.db.prepare('SELECT count(*) AS n FROM hub_inbox').get() as { n: number }).n === 3);
    const rows = temp.store.db.prepare('SELECT seq, payload FROM hub_inbox ORDER BY seq').all() as {
      seq: number;
      payload: string;
    }[];
    expect(rows.map((r) => JSON.parse(r.payload).n)).toEqual([0, 1, 2]);
    expect(temp.store.db.prepare("SELECT value FROM station_meta WHERE key = 'sync_pull_cursor'").get()).toEqual({
      value: '3',
    });
  });

  it('sends emergency records before a routine backlog', async () => {
    const { hub, engine, stationId } = await setup();
    const station = { ...actor, stationId };
    const patientId = registerTestPatient(temp.store.db, station);
    writeObservations(temp.store.db, station, patientId, 3000);
    const [emergency] = writeObservations(temp.store.db, station, patientId, 1, 'emergency');
    engine.start();
    await until(() => engine.status().waiting.routine === 0, 30_000);
    const [first] = await hub.db.query<{ record_id: string }>(
      'SELECT record_id FROM hub_records ORDER BY received_at, record_id LIMIT 1',
    );
    const order = await hub.db.query<{ lane: string }>(
      `SELECT lane FROM hub_records WHERE received_at = (SELECT min(received_at) FROM hub_records)`,
    );
    expect(order.every((row) => row.lane === 'emergency')).toBe(true);
    expect(first?.record_id).toBe(emergency);
  });
});

describe('the sync loop', () => {
  it('never runs two rounds at once, however often it is woken', async () => {
    const hub = await startTestHub();
    cleanups.push(() => hub.close());
    // A relay in front of the hub that counts requests in flight.
    let inFlight = 0;
    let most = 0;
    const relay = createServer((request, response) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const upstream = httpRequest(
        { host: '127.0.0.1', port: hub.port, method: request.method, path: request.url, headers: request.headers },
        (answer) => {
          response.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(response).on('finish', () => inFlight--);
        },
      );
      request.pipe(upstream);
    });
    await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => relay.close(() => resolve())));
    const stationId = stationIdentity(temp.store.db);
    const station = { ...actor, stationId };
    const patientId = registerTestPatient(temp.store.db, station);
    const engine = new SyncEngine({
      db: temp.store.db,
      hubUrl: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
      stationId,
      appVersion: 'test',
      logger,
      enrollmentCode: await hub.enrollmentCode(),
      batch: { maxRecords: 20, maxBytes: 1 << 20 },
      idleMs: 60_000,
    });
    cleanups.push(() => engine.close());
    engine.start();
    for (let i = 0; i < 40; i++) {
      writeObservations(temp.store.db, station, patientId, 10, i % 4 === 0 ? 'emergency' : 'routine');
      engine.wake();
      engine.wake();
      await new Promise((r) => setTimeout(r, 5));
    }
    await until(() => engine.status().waiting.routine + engine.status().waiting.emergency === 0, 20_000);
    await engine.idle();
    expect(most).toBe(1);
    expect((await hubRecords(hub.db, stationId)).map).toEqual(stationRecords(temp.store.db));
  });

  it('backs off exponentially with jitter while the hub is away, and wakes at once when told', async () => {
    // A port that accepts and hangs up at once: the hub is "there" but never answers.
    const attempts: number[] = [];
    const dead = createNetServer((socket) => {
      attempts.push(performance.now());
      socket.destroy();
    });
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => dead.close(() => resolve())));
    const engine = new SyncEngine({
      db: temp.store.db,
      hubUrl: `http://127.0.0.1:${(dead.address() as AddressInfo).port}`,
      stationId: stationIdentity(temp.store.db),
      appVersion: 'test',
      logger,
      enrollmentCode: 'AAAA-BBBB-CCCC-DDDD',
      backoffMs: (attempt) => 100 * 2 ** attempt,
    });
    cleanups.push(() => engine.close());
    engine.start();
    await until(() => attempts.length >= 5, 10_000);
    expect(engine.status().state).toBe('offline');
    const gaps = attempts.slice(1).map((at, i) => at - (attempts[i] ?? 0));
    // Equal jitter: each wait lies between half and all of 100 ms × 2^n.
    gaps.slice(0, 4).forEach((gap, n) => {
      expect(gap).toBeGreaterThanOrEqual(50 * 2 ** n - 5);
      expect(gap).toBeLessThan(100 * 2 ** n + 400);
    });
    const before = attempts.length;
    const woken = performance.now();
    engine.wake();
    await until(() => attempts.length > before, 2_000);
    expect((attempts.at(-1) ?? 0) - woken).toBeLessThan(500);
  });
});
