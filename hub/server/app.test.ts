import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_MAX_MESSAGE_BYTES, HubHealth } from '../../contract/hub-wire.js';
import { helloFrom, openStationSocket } from '../../test/support/hub-client.js';
import type { TestStationSocket } from '../../test/support/hub-client.js';
import { buildHub } from './app.js';
import { openPglite } from './db.js';
import type { HubDb } from './db.js';
import { migrate } from './migrate.js';
import { hubMigrations } from './migrations/index.js';

interface StationRow {
  app_version: string;
  first_seen_at: Date;
  last_seen_at: Date;
}

// One PGlite for the file (it takes seconds to start), shared by the health and socket tests.
let db: HubDb;
let app: FastifyInstance;
let url: string;

async function listen(hub: FastifyInstance): Promise<string> {
  await hub.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
  app = await buildHub({ db, version: '2.0.0', logger: false });
  url = await listen(app);
});
afterAll(async () => {
  await app.close();
  await db.close();
});

async function stationRow(stationId: string): Promise<StationRow | undefined> {
  const rows = await db.query<StationRow>(
    'SELECT app_version, first_seen_at, last_seen_at FROM stations WHERE station_id = $1',
    [stationId],
  );
  return rows[0];
}

type Sendable = Parameters<TestStationSocket['send']>[0];

/** Sends `messages` and expects a refusal with `reason` and close code 1008. */
async function expectRefusal(reason: string, ...messages: Sendable[]): Promise<void> {
  const socket = await openStationSocket(url);
  for (const message of messages) socket.send(message);
  const closed = await socket.closed;
  expect(closed.messages).toEqual([{ t: 'refused', reason }]);
  expect(closed.code).toBe(1008);
}

describe('GET /health', () => {
  it('answers the contract shape with the database kind and the applied schema version', async () => {
    const hub = await buildHub({ db, version: '9.8.7', logger: false });
    const before = Date.now();
    const response = await hub.inject({ method: 'GET', url: '/health' });
    await hub.close();
    expect(response.statusCode).toBe(200);
    const health = HubHealth.parse(response.json());
    expect(health).toMatchObject({
      status: 'ok',
      version: '9.8.7',
      database: 'pglite',
      schemaVersion: hubMigrations.at(-1)!.version,
    });
    expect(Date.parse(health.time)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(health.time)).toBeLessThanOrEqual(Date.now());
  });

  it('answers 503 when the database does not answer', async () => {
    // A database that has gone away: every query fails the way a dropped connection does.
    const gone: HubDb = {
      kind: 'postgres',
      query: () => Promise.reject(new Error('Connection terminated unexpectedly')),
      exec: () => Promise.reject(new Error('Connection terminated unexpectedly')),
      transaction: () => Promise.reject(new Error('Connection terminated unexpectedly')),
      close: () => Promise.resolve(),
    };
    const hub = await buildHub({ db: gone, version: '1', logger: false });
    const response = await hub.inject({ method: 'GET', url: '/health' });
    await hub.close();
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ status: 'unavailable', reason: 'database' });
  });
});

describe('station socket', () => {
  it('welcomes a hello and records the station', async () => {
    const stationId = randomUUID();
    const socket = await openStationSocket(url);
    socket.send(helloFrom(stationId, '1.0.0'));
    const welcome = await socket.next();
    socket.close();
    expect(welcome).toMatchObject({ t: 'welcome', hubVersion: '2.0.0' });
    const row = await stationRow(stationId);
    expect(row?.app_version).toBe('1.0.0');
    expect(row?.first_seen_at).toEqual(row?.last_seen_at);
  });

  it('keeps first_seen_at on a later hello and follows the app version and last contact', async () => {
    const stationId = randomUUID();
    const first = await openStationSocket(url);
    first.send(helloFrom(stationId, '1.0.0'));
    await first.next();
    first.close();
    const before = (await stationRow(stationId))!;

    const again = await openStationSocket(url);
    again.send(helloFrom(stationId, '1.1.0'));
    expect((await again.next()).t).toBe('welcome');
    again.close();
    const after = (await stationRow(stationId))!;
    expect(after.app_version).toBe('1.1.0');
    expect(after.first_seen_at).toEqual(before.first_seen_at);
    expect(after.last_seen_at.getTime()).toBeGreaterThan(before.last_seen_at.getTime());
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations WHERE station_id = $1', [
      stationId,
    ]);
    expect(count).toEqual([{ n: 1 }]);
  });

  it('answers a ping with a pong echoing its time and records the contact', async () => {
    const stationId = randomUUID();
    const socket = await openStationSocket(url);
    socket.send(helloFrom(stationId));
    await socket.next();
    const welcomed = (await stationRow(stationId))!;
    const at = new Date().toISOString();
    socket.send({ t: 'ping', at });
    const pong = await socket.next();
    socket.close();
    expect(pong).toMatchObject({ t: 'pong', at });
    const pinged = (await stationRow(stationId))!;
    expect(pinged.last_seen_at.getTime()).toBeGreaterThan(welcomed.last_seen_at.getTime());
    expect(pinged.first_seen_at).toEqual(welcomed.first_seen_at);
  });

  it('refuses a ping before hello', async () => {
    await expectRefusal('hello_expected', { t: 'ping', at: new Date().toISOString() });
  });

  it('refuses another protocol version and records nothing', async () => {
    const stationId = randomUUID();
    await expectRefusal('protocol_unsupported', { ...helloFrom(stationId), protocol: 99 });
    // A newer station's hello may not even have our fields: the reason is still the protocol.
    await expectRefusal('protocol_unsupported', { t: 'hello', protocol: 2, station: { id: stationId } });
    expect(await stationRow(stationId)).toBeUndefined();
  });

  it('refuses what is not a message of the contract', async () => {
    await expectRefusal('malformed', 'not json at all');
    await expectRefusal('malformed', { t: 'hello', protocol: 1, stationId: 'not-a-uuid', appVersion: '1' });
    await expectRefusal('malformed', { t: 'launch', at: 'now' });
    await expectRefusal('malformed', Buffer.from(JSON.stringify(helloFrom(randomUUID()))));
  });

  it('refuses a second hello on one connection', async () => {
    const socket = await openStationSocket(url);
    socket.send(helloFrom(randomUUID()));
    expect((await socket.next()).t).toBe('welcome');
    socket.send(helloFrom(randomUUID()));
    const closed = await socket.closed;
    expect(closed.messages.at(-1)).toEqual({ t: 'refused', reason: 'malformed' });
    expect(closed.code).toBe(1008);
  });

  it('reads nothing after a refusal, even a valid hello sent right behind it', async () => {
    const stationId = randomUUID();
    await expectRefusal('malformed', '{', helloFrom(stationId));
    expect(await stationRow(stationId)).toBeUndefined();
  });

  it('takes a message of exactly the size limit and refuses one byte more', async () => {
    const padded = (stationId: string, bytes: number): string => {
      const base = JSON.stringify({ ...helloFrom(stationId), pad: '' });
      return JSON.stringify({ ...helloFrom(stationId), pad: 'x'.repeat(bytes - base.length) });
    };
    const fits = randomUUID();
    const socket = await openStationSocket(url);
    socket.send(padded(fits, HUB_MAX_MESSAGE_BYTES));
    expect((await socket.next()).t).toBe('welcome');
    socket.close();

    const tooBig = randomUUID();
    await expectRefusal('malformed', padded(tooBig, HUB_MAX_MESSAGE_BYTES + 1));
    expect(await stationRow(tooBig)).toBeUndefined();
  });

  it('cuts off a message far over the limit without reading it', async () => {
    const socket = await openStationSocket(url);
    socket.send('x'.repeat(4 * HUB_MAX_MESSAGE_BYTES));
    const closed = await socket.closed;
    expect(closed.code).toBe(1009);
    expect(closed.messages).toEqual([]);
  });
});

describe('station socket, when things go wrong on the hub', () => {
  it('closes with 1011 and sends no welcome when the database fails', async () => {
    const failing: HubDb = { ...db, query: () => Promise.reject(new Error('disk full')) };
    const hub = await buildHub({ db: failing, version: '2.0.0', logger: false });
    const socket = await openStationSocket(await listen(hub));
    socket.send(helloFrom(randomUUID()));
    const closed = await socket.closed;
    await hub.close();
    expect(closed.code).toBe(1011);
    expect(closed.messages).toEqual([]);
  });

  it('tells connected stations it is going away when it stops', async () => {
    const hub = await buildHub({ db, version: '2.0.0', logger: false });
    const socket = await openStationSocket(await listen(hub));
    socket.send(helloFrom(randomUUID()));
    await socket.next();
    const stopping = hub.close();
    const closed = await socket.closed;
    await stopping;
    expect(closed.code).toBe(1001);
  });

  it('does not wait on a station that never answers the goodbye', async () => {
    const hub = await buildHub({ db, version: '2.0.0', logger: false });
    const { port } = new URL(await listen(hub));
    // A peer on a dead link: it completes the upgrade, then reads and answers nothing.
    const peer = connect(Number(port), '127.0.0.1');
    peer.write(
      'GET /ws/station HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    );
    const [answer] = (await once(peer, 'data')) as [Buffer];
    expect(answer.toString()).toMatch(/^HTTP\/1.1 101/);
    peer.pause();
    const started = Date.now();
    await hub.close();
    peer.destroy();
    // ws alone would wait 30 s for the closing handshake.
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
