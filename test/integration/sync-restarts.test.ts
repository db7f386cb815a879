import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { openPglite, openPostgres } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import type { Actor } from '../../main/records/ledger.js';
import { stationIdentity } from '../../main/station/station-identity.js';
import { SyncEngine } from '../../main/sync/sync-engine.js';
import { freePort } from '../../scripts/lib/processes.js';
import { postgresUnavailableReason, startPostgres } from '../support/postgres.js';
import type { TestPostgres } from '../support/postgres.js';
import { startHub } from '../support/station-process.js';
import {
  hubRecords,
  insertEnrollmentCode,
  registerTestPatient,
  startTestHub,
  stationRecords,
  writeObservations,
} from '../support/sync-fixture.js';
import { useTempStore } from '../support/temp-store.js';

/** The hub process killed and restarted mid-batch, and PostgreSQL restarted mid-batch. */
const actor: Actor = { userId: 'u-1', stationId: 'set-below' };
const temp = useTempStore(actor);
const pgSkip = await postgresUnavailableReason();
if (pgSkip) console.log(`sync-restarts: PostgreSQL runs skipped: ${pgSkip}`);
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const count = (table: string): number =>
  (temp.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A station with a backlog of 3,000 Observations and a sync engine pointed at `hubUrl`. */
function stationWithBacklog(hubUrl: string, code: string): { engine: SyncEngine; stationId: string } {
  const stationId = stationIdentity(temp.store.db);
  const station = { ...actor, stationId };
  writeObservations(temp.store.db, station, registerTestPatient(temp.store.db, station), 3000);
  const engine = new SyncEngine({
    db: temp.store.db,
    hubUrl,
    stationId,
    appVersion: 'test',
    logger: pino({ level: 'silent' }),
    enrollmentCode: code,
    batch: { maxRecords: 100, maxBytes: 1 << 20 },
    backoffMs: () => 100,
    requestTimeoutMs: 5_000,
  });
  cleanups.push(() => engine.close());
  return { engine, stationId };
}

async function expectHubHoldsStation(db: HubDb, stationId: string): Promise<void> {
  const local = stationRecords(temp.store.db);
  const remote = await hubRecords(db, stationId);
  expect(remote.rows).toBe(local.size);
  expect(remote.map).toEqual(local);
  expect(count('outbox')).toBe(0);
}

/**
 * Kills the hub process (SIGKILL) twice while batches are in flight, restarting it on the same
 * port and data each time; `db` opens the hub's database for the checks.
 */
async function hubKilledMidBatch(env: { dataDir?: string; databaseUrl?: string }, db: () => Promise<HubDb>) {
  const setup = await db();
  await migrate(setup);
  const code = await insertEnrollmentCode(setup);
  if (env.dataDir) await setup.close();
  const port = await freePort();
  let hub = await startHub({ port, ...env });
  const { engine, stationId } = stationWithBacklog(hub.url, code);
  engine.start();
  for (const threshold of [300, 1500]) {
    await until(() => count('sync_acks') >= threshold, 60_000, `${threshold} acknowledgements`);
    hub.child.kill('SIGKILL');
    await new Promise((resolve) => hub.child.once('exit', resolve));
    hub = await startHub({ port, ...env });
    engine.wake();
  }
  await until(() => count('outbox') === 0, 60_000, 'the outbox to drain');
  await hub.stop();
  const check = env.dataDir ? await db() : setup;
  try {
    await expectHubHoldsStation(check, stationId);
  } finally {
    await check.close();
  }
}

describe('hub and PostgreSQL restarts mid-batch', () => {
  it('a hub on PGlite killed twice mid-batch ends with every record once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-hub-restart-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    await hubKilledMidBatch({ dataDir }, () => openPglite(dataDir));
  }, 180_000);

  describe.skipIf(pgSkip !== null)('on a real PostgreSQL server', () => {
    let server: TestPostgres;
    afterEach(async () => server?.stop());

    it('a hub on PostgreSQL killed twice mid-batch ends with every record once', async () => {
      server = await startPostgres();
      await hubKilledMidBatch({ databaseUrl: server.url }, () => openPostgres(server.url));
    }, 180_000);

    it('PostgreSQL restarted (crash-stop) twice mid-batch ends with every record once', async () => {
      server = await startPostgres();
      const hub = await startTestHub({ databaseUrl: server.url });
      cleanups.push(() => hub.close());
      const { engine, stationId } = stationWithBacklog(hub.url, await hub.enrollmentCode());
      engine.start();
      for (const threshold of [300, 1500]) {
        await until(() => count('sync_acks') >= threshold, 60_000, `${threshold} acknowledgements`);
        await server.restart('immediate');
        engine.wake();
      }
      await until(() => count('outbox') === 0, 60_000, 'the outbox to drain');
      await expectHubHoldsStation(hub.db, stationId);
    }, 180_000);
  });
});
