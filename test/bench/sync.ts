import { rmSync } from 'node:fs';
import type Database from 'better-sqlite3';
import pino from 'pino';
import { openPostgres } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { SyncEngine } from '../../main/sync/sync-engine.js';
import type { SyncEngineOptions } from '../../main/sync/sync-engine.js';
import { startPostgres } from '../support/postgres.js';
import type { TestPostgres } from '../support/postgres.js';
import { startHub } from '../support/station-process.js';
import { insertEnrollmentCode } from '../support/sync-fixture.js';
import { setupConstrainedLink } from './lib/constrained-link.js';
import { emergencyObservation, vitalsBacklog } from './lib/fhir-vitals.js';
import type { BenchRecord } from './lib/fhir-vitals.js';
import { replicateWithPouch } from './lib/pouch-peer.js';
import { round, sleep } from './lib/stats.js';
import { manyStations } from './sync/many-stations.js';
import { benchStation, writeRecords } from './sync/station-backlog.js';
import type { BenchStation } from './sync/station-backlog.js';

/**
 * bench:sync — a 10,000-record backlog (FHIR vitals Observations, about a busy week offline)
 * drained to a hub process on PostgreSQL over loopback and over a 512 kbit/s, 150 ms, 2 % loss
 * link; an emergency record written right behind the backlog; the same records replicated
 * with PouchDB (pouchdb-node → express-pouchdb, their defaults); 200 stations pushing at once.
 * Prints one JSON object on its last line.
 */
const BACKLOG = Number(process.env.BENCH_SYNC_BACKLOG ?? 10_000);
const STATIONS = Number(process.env.BENCH_SYNC_STATIONS ?? 200);
/** A comma-separated subset (loopback, peer, constrained, stations) for working on one figure. */
const PARTS = new Set((process.env.BENCH_SYNC_PARTS ?? 'loopback,peer,constrained,stations').split(','));
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const logger = pino({ level: 'silent' });

async function hubDb(): Promise<{ url: string; db: HubDb; server: TestPostgres | null }> {
  const given = process.env.HUB_BENCH_DATABASE_URL;
  const server = given ? null : await startPostgres();
  const url = given ?? server?.url ?? '';
  const db = await openPostgres(url);
  await migrate(db);
  return { url, db, server };
}

async function hubHas(db: HubDb, recordId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM hub_records WHERE record_id = $1', [recordId])).length > 0;
}

/** Resolves with the time (performance.now) the hub first holds the record. */
async function arrival(db: HubDb, recordId: string, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await hubHas(db, recordId)) return performance.now();
    await sleep(2);
  }
  throw new Error(`record ${recordId} did not reach the hub in ${timeoutMs} ms`);
}

function engineFor(
  station: BenchStation,
  hubUrl: string,
  code: string,
  extra: Partial<SyncEngineOptions> = {},
): SyncEngine {
  return new SyncEngine({
    db: station.store.db,
    hubUrl,
    stationId: station.stationId,
    appVersion: 'bench',
    logger,
    enrollmentCode: code,
    idleMs: 600_000,
    backoffMs: () => 200,
    ...extra,
  });
}

/** Resolves when the outbox is empty; polls lightly, so the measuring does not slow the drain. */
async function drained(engine: SyncEngine, db: Database.Database, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const waiting = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM outbox');
  for (;;) {
    if (waiting.get()?.n === 0) {
      await engine.idle();
      return;
    }
    if (performance.now() > deadline) throw new Error(`not drained: ${JSON.stringify(engine.status())}`);
    await sleep(10);
  }
}

/** Enrolls first (with nothing waiting), so the timed drain is the drain. */
async function enrolled(station: BenchStation, hubUrl: string, db: HubDb, extra: Partial<SyncEngineOptions> = {}) {
  const engine = engineFor(station, hubUrl, await insertEnrollmentCode(db, 'bench'), extra);
  engine.start();
  await drained(engine, station.store.db, 120_000);
  await engine.close();
  return (more: Partial<SyncEngineOptions> = {}) => engineFor(station, hubUrl, 'used', { ...extra, ...more });
}

async function loopback(hubUrl: string, db: HubDb, backlog: BenchRecord[], emergency: BenchRecord) {
  const station = benchStation();
  try {
    const engineAgain = await enrolled(station, hubUrl, db);
    writeRecords(station.store.db, station.actor, backlog);
    // The emergency record is written right behind the backlog, and the link comes back.
    const written = performance.now();
    writeRecords(station.store.db, station.actor, [emergency], 'emergency');
    const engine = engineAgain();
    const started = performance.now();
    engine.start();
    const arrived = arrival(db, emergency.id, 60_000);
    await drained(engine, station.store.db, 300_000);
    const drainSeconds = (performance.now() - started) / 1000;
    const emergencyMs = (await arrived) - written;
    // A second emergency, written while a routine backlog is already on its way.
    const second = benchStation();
    const again = await enrolled(second, hubUrl, db);
    writeRecords(second.store.db, second.actor, vitalsBacklog(BACKLOG, { seed: 77 }));
    const engine2 = again();
    engine2.start();
    await sleep(300);
    const late = emergencyObservation({ seed: 912 });
    const lateWritten = performance.now();
    writeRecords(second.store.db, second.actor, [late], 'emergency');
    const lateMs = (await arrival(db, late.id, 60_000)) - lateWritten;
    await drained(engine2, second.store.db, 300_000);
    await engine.close();
    await engine2.close();
    second.store.close();
    rmSync(second.dir, { recursive: true, force: true });
    return { drainSeconds, emergencyMs, lateMs };
  } finally {
    station.store.close();
    rmSync(station.dir, { recursive: true, force: true });
  }
}

async function constrained(hubPort: number, db: HubDb) {
  const link = await setupConstrainedLink({ hubPort });
  log(`constrained link: ${link.note}`);
  const station = benchStation();
  try {
    const again = await enrolled(station, link.url, db, { requestTimeoutMs: 120_000 });
    writeRecords(station.store.db, station.actor, vitalsBacklog(BACKLOG, { seed: 99 }));
    const before = link.bytesOnWire();
    const engine = again();
    const started = performance.now();
    engine.start();
    await drained(engine, station.store.db, 600_000);
    const seconds = (performance.now() - started) / 1000;
    const after = link.bytesOnWire();
    await engine.close();
    const bytes = after.up - before.up + (after.down - before.down);
    return { seconds, bytesPerRecord: bytes / BACKLOG, kind: link.kind, dropped: link.packetsDropped() };
  } finally {
    station.store.close();
    rmSync(station.dir, { recursive: true, force: true });
    await link.teardown();
  }
}

async function main(): Promise<void> {
  const { url, db, server } = await hubDb();
  const hub = await startHub({ databaseUrl: url });
  try {
    const backlog = vitalsBacklog(BACKLOG);
    const emergency = emergencyObservation();
    log(
      `backlog: ${BACKLOG} Observations, ${Math.round(backlog.reduce((n, r) => n + r.body.length, 0) / BACKLOG)} bytes each on average`,
    );

    const skipped = { drainSeconds: NaN, emergencyMs: NaN, lateMs: NaN };
    const ours = PARTS.has('loopback') ? await loopback(hub.url, db, backlog, emergency) : skipped;
    log(
      `loopback: drained in ${round(ours.drainSeconds, 2)} s; emergency ${round(ours.emergencyMs)} ms (written behind the backlog), ${round(ours.lateMs)} ms (written mid-drain)`,
    );

    // The peer's hub gets a process of its own, as ours has.
    const peer = PARTS.has('peer')
      ? await replicateWithPouch(backlog, emergency, { hub: 'child-process' })
      : { drainSeconds: NaN, emergencyLatencyMs: NaN };
    log(
      `PouchDB peer: drained in ${round(peer.drainSeconds, 2)} s; emergency after ${round(peer.emergencyLatencyMs)} ms`,
    );

    const slow = PARTS.has('constrained')
      ? await constrained(hub.port, db)
      : { seconds: NaN, bytesPerRecord: NaN, kind: 'skipped', dropped: {} };
    log(
      `constrained (${slow.kind}): drained in ${round(slow.seconds, 1)} s, ${round(slow.bytesPerRecord)} bytes a record on the wire, dropped ${JSON.stringify(slow.dropped)}`,
    );

    const many = await manyStations(hub.url, db, {
      stations: STATIONS,
      pushes: 10,
      recordsPerPush: 20,
      maxPauseMs: 1000,
    });
    log(
      `${STATIONS} stations: ${many.pushes} pushes, p50 ${round(many.p50)} ms, p99 ${round(many.p99)} ms, ${many.failures} failed`,
    );

    process.stdout.write(
      `${JSON.stringify({
        backlog: BACKLOG,
        drain_loopback_s: round(ours.drainSeconds, 2),
        drain_constrained_s: round(slow.seconds, 1),
        bytes_per_record: round(slow.bytesPerRecord),
        emergency_latency_with_backlog_ms: round(Math.max(ours.emergencyMs, ours.lateMs)),
        peer_drain_loopback_s: round(peer.drainSeconds, 2),
        peer_emergency_latency_ms: round(peer.emergencyLatencyMs),
        stations: STATIONS,
        hub_push_p99_ms: round(many.p99),
      })}\n`,
    );
  } finally {
    await hub.stop();
    await db.close();
    await server?.stop();
  }
}

await main();
