import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HubHealth } from '../../contract/hub-wire.js';
import { buildHub } from '../../hub/server/app.js';
import { openPostgres } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { HubSchemaError, migrate, readSchemaVersion } from '../../hub/server/migrate.js';
import { checksumOf, hubMigrations } from '../../hub/server/migrations/index.js';
import type { HubMigration } from '../../hub/server/migrations/index.js';
import { helloFrom, openStationSocket, refusedUpgrade } from '../support/hub-client.js';
import { createScratchDatabase } from '../support/hub-postgres-db.js';
import type { ScratchDatabase } from '../support/hub-postgres-db.js';
import { postgresUnavailableReason, startPostgres } from '../support/postgres.js';
import type { TestPostgres } from '../support/postgres.js';
import { enrollTestStation, revokeTestStation } from '../support/test-station.js';

// A server named by HUB_TEST_DATABASE_URL (as .ci/run provides), else one started here.
const givenUrl = process.env.HUB_TEST_DATABASE_URL || undefined;
const skipReason = givenUrl ? null : await postgresUnavailableReason();
if (skipReason) console.log(`hub-postgres: skipping the PostgreSQL tests: ${skipReason}`);

let server: TestPostgres | undefined;
let serverUrl: string;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  if (skipReason) return;
  if (givenUrl) serverUrl = givenUrl;
  else {
    server = await startPostgres();
    serverUrl = server.url;
  }
}, 90_000);
afterEach(async () => {
  // Pools before databases: a database with open connections cannot be dropped cleanly.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => server?.stop());

/** A pool onto a fresh empty database, closed and dropped after the test. */
async function freshDb(scratch?: ScratchDatabase): Promise<{ db: HubDb; scratch: ScratchDatabase }> {
  if (!scratch) {
    const created = await createScratchDatabase(serverUrl);
    cleanups.push(() => created.drop());
    scratch = created;
  }
  const db = await openPostgres(scratch.url);
  cleanups.push(() => db.close());
  return { db, scratch };
}

async function ledger(db: HubDb): Promise<unknown[]> {
  return db.query('SELECT * FROM schema_migrations ORDER BY version');
}

describe.skipIf(skipReason !== null)('hub on a real PostgreSQL', () => {
  it('applies the shipped migrations once and finds nothing to do the second time', async () => {
    const { db } = await freshDb();
    expect(db.kind).toBe('postgres');
    const version = await migrate(db);
    expect(version).toBe(hubMigrations.at(-1)!.version);
    const applied = await ledger(db);
    expect(applied).toEqual(
      hubMigrations.map((m) => expect.objectContaining({ version: m.version, name: m.name, checksum: checksumOf(m) })),
    );
    expect(await migrate(db)).toBe(version);
    expect(await ledger(db)).toEqual(applied);
    const columns = await db.query(
      `SELECT column_name, data_type FROM information_schema.columns
       WHERE table_name = 'stations' ORDER BY ordinal_position`,
    );
    expect(columns).toEqual([
      { column_name: 'station_id', data_type: 'uuid' },
      { column_name: 'app_version', data_type: 'text' },
      { column_name: 'first_seen_at', data_type: 'timestamp with time zone' },
      { column_name: 'last_seen_at', data_type: 'timestamp with time zone' },
      { column_name: 'name', data_type: 'text' },
      { column_name: 'public_key', data_type: 'bytea' },
      { column_name: 'enrolled_at', data_type: 'timestamp with time zone' },
      { column_name: 'revoked_at', data_type: 'timestamp with time zone' },
      { column_name: 'outbound_seq', data_type: 'bigint' },
    ]);
  });

  it('refuses a database written by a newer hub and leaves it untouched', async () => {
    const { db } = await freshDb();
    await migrate(db);
    await db.query("INSERT INTO schema_migrations (version, name, checksum) VALUES (999, 'from-the-future', 'x')");
    const before = await ledger(db);
    await expect(migrate(db)).rejects.toBeInstanceOf(HubSchemaError);
    await expect(migrate(db)).rejects.toThrow(/999 \(from-the-future\), newer than this build/);
    expect(await ledger(db)).toEqual(before);
  });

  it('lets two hubs starting together migrate one database: both succeed, each migration runs once', async () => {
    // Slow migrations keep the first hub inside its transaction while the second arrives.
    const slow: HubMigration[] = [1, 2, 3].map((version) => ({
      version,
      name: `slow-${version}`,
      sql: `CREATE TABLE slow_${version} (id integer); SELECT pg_sleep(0.2);`,
    }));
    const first = await freshDb();
    const second = await freshDb(first.scratch);
    const results = await Promise.all([migrate(first.db, slow), migrate(second.db, slow)]);
    expect(results).toEqual([3, 3]);
    const applied = await first.db.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
    expect(applied.map((row) => row.version)).toEqual([1, 2, 3]);

    const again = await freshDb();
    const other = await freshDb(again.scratch);
    const latest = hubMigrations.at(-1)!.version;
    expect(await Promise.all([migrate(again.db), migrate(other.db)])).toEqual([latest, latest]);
    expect(await readSchemaVersion(again.db)).toBe(hubMigrations.length);
  });

  it('serves /health and the station socket from PostgreSQL', async () => {
    const { db } = await freshDb();
    await migrate(db);
    const app = await buildHub({ db, version: '3.1.4', logger: false });
    cleanups.push(() => app.close());
    await app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(HubHealth.parse(await response.json())).toMatchObject({
      status: 'ok',
      version: '3.1.4',
      database: 'postgres',
      schemaVersion: hubMigrations.length,
    });

    // The upgrade is signed by an enrolled station; an unsigned one is refused before any socket.
    expect((await refusedUpgrade(url)).status).toBe(401);
    const station = await enrollTestStation(db, { appVersion: '0.9.0' });
    const { stationId } = station;
    const replayable = station.sign();
    const socket = await openStationSocket(url, { headers: replayable });
    expect((await refusedUpgrade(url, replayable)).status).toBe(409);
    socket.send(helloFrom(stationId, '1.0.0'));
    expect(await socket.next()).toMatchObject({ t: 'welcome', hubVersion: '3.1.4' });
    const [welcomed] = await db.query<{ app_version: string; first_seen_at: Date; last_seen_at: Date }>(
      'SELECT app_version, first_seen_at, last_seen_at FROM stations WHERE station_id = $1',
      [stationId],
    );
    expect(welcomed?.app_version).toBe('1.0.0');

    const at = new Date().toISOString();
    socket.send({ t: 'ping', at });
    expect(await socket.next()).toMatchObject({ t: 'pong', at });
    socket.close();
    const [pinged] = await db.query<{ first_seen_at: Date; last_seen_at: Date }>(
      'SELECT first_seen_at, last_seen_at FROM stations WHERE station_id = $1',
      [stationId],
    );
    expect(pinged?.first_seen_at).toEqual(welcomed?.first_seen_at);
    expect(pinged!.last_seen_at.getTime()).toBeGreaterThan(welcomed!.last_seen_at.getTime());

    const rude = await openStationSocket(url, { headers: station.sign() });
    rude.send({ t: 'ping', at });
    const closed = await rude.closed;
    expect(closed.messages).toEqual([{ t: 'refused', reason: 'hello_expected' }]);
    expect(closed.code).toBe(1008);

    // Revoked through the database while connected: cut off at the next ping, refused after.
    const live = await openStationSocket(url, { headers: station.sign() });
    live.send(helloFrom(stationId, '1.0.0'));
    expect((await live.next()).t).toBe('welcome');
    await revokeTestStation(db, stationId);
    live.send({ t: 'ping', at: new Date().toISOString() });
    const cut = await live.closed;
    expect(cut.messages.at(-1)).toEqual({ t: 'refused', reason: 'station_revoked' });
    expect(cut.code).toBe(1008);
    expect((await refusedUpgrade(url, station.sign())).status).toBe(403);
  });
});
