import { once } from 'node:events';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_MAX_MESSAGE_BYTES, HubHealth } from '../../contract/hub-wire.js';
import { SIGNED_HEADERS } from '../../contract/sync/signing.js';
import { helloFrom, openStationSocket, refusedUpgrade } from '../../test/support/hub-client.js';
import type { TestStationSocket } from '../../test/support/hub-client.js';
import { enrollTestStation, newTestStation, revokeTestStation, signAs } from '../../test/support/test-station.js';
import type { TestStation } from '../../test/support/test-station.js';
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

/** Everything the socket route may write: station rows and the nonces of accepted upgrades. */
async function writtenState(): Promise<unknown[]> {
  return [
    await db.query('SELECT station_id, app_version, last_seen_at FROM stations ORDER BY station_id'),
    await db.query('SELECT station_id, nonce FROM request_nonces ORDER BY station_id, nonce'),
  ];
}

/** Opens a socket as `station`, its upgrade freshly signed. */
function openAs(station: TestStation, hubUrl = url): Promise<TestStationSocket> {
  return openStationSocket(hubUrl, { headers: station.sign() });
}

type Sendable = Parameters<TestStationSocket['send']>[0];

/** Sends `messages` as an enrolled station and expects a refusal with `reason` and close code 1008. */
async function expectRefusal(station: TestStation, reason: string, ...messages: Sendable[]): Promise<void> {
  const socket = await openAs(station);
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
  it('welcomes a hello from the station that signed the upgrade and records its version and contact', async () => {
    const station = await enrollTestStation(db, { appVersion: '0.9.0' });
    const enrolled = (await stationRow(station.stationId))!;
    const socket = await openAs(station);
    socket.send(helloFrom(station.stationId, '1.0.0'));
    const welcome = await socket.next();
    socket.close();
    expect(welcome).toMatchObject({ t: 'welcome', hubVersion: '2.0.0' });
    const row = await stationRow(station.stationId);
    expect(row?.app_version).toBe('1.0.0');
    expect(row?.first_seen_at).toEqual(enrolled.first_seen_at);
    expect(row!.last_seen_at.getTime()).toBeGreaterThan(enrolled.last_seen_at.getTime());
  });

  it('keeps first_seen_at on a later hello and follows the app version and last contact', async () => {
    const station = await enrollTestStation(db);
    const first = await openAs(station);
    first.send(helloFrom(station.stationId, '1.0.0'));
    await first.next();
    first.close();
    const before = (await stationRow(station.stationId))!;

    const again = await openAs(station);
    again.send(helloFrom(station.stationId, '1.1.0'));
    expect((await again.next()).t).toBe('welcome');
    again.close();
    const after = (await stationRow(station.stationId))!;
    expect(after.app_version).toBe('1.1.0');
    expect(after.first_seen_at).toEqual(before.first_seen_at);
    expect(after.last_seen_at.getTime()).toBeGreaterThan(before.last_seen_at.getTime());
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM stations WHERE station_id = $1', [
      station.stationId,
    ]);
    expect(count).toEqual([{ n: 1 }]);
  });

  it('answers a ping with a pong echoing its time and records the contact', async () => {
    const station = await enrollTestStation(db);
    const socket = await openAs(station);
    socket.send(helloFrom(station.stationId));
    await socket.next();
    const welcomed = (await stationRow(station.stationId))!;
    const at = new Date().toISOString();
    socket.send({ t: 'ping', at });
    const pong = await socket.next();
    socket.close();
    expect(pong).toMatchObject({ t: 'pong', at });
    const pinged = (await stationRow(station.stationId))!;
    expect(pinged.last_seen_at.getTime()).toBeGreaterThan(welcomed.last_seen_at.getTime());
    expect(pinged.first_seen_at).toEqual(welcomed.first_seen_at);
  });

  it('refuses a ping before hello', async () => {
    await expectRefusal(await enrollTestStation(db), 'hello_expected', { t: 'ping', at: new Date().toISOString() });
  });

  it('refuses another protocol version and records nothing', async () => {
    const station = await enrollTestStation(db);
    const enrolled = await stationRow(station.stationId);
    await expectRefusal(station, 'protocol_unsupported', { ...helloFrom(station.stationId), protocol: 99 });
    // A newer station's hello may not even have our fields: the reason is still the protocol.
    await expectRefusal(station, 'protocol_unsupported', {
      t: 'hello',
      protocol: 2,
      station: { id: station.stationId },
    });
    expect(await stationRow(station.stationId)).toEqual(enrolled);
  });

  it('refuses what is not a message of the contract', async () => {
    const station = await enrollTestStation(db);
    await expectRefusal(station, 'malformed', 'not json at all');
    await expectRefusal(station, 'malformed', { t: 'hello', protocol: 1, stationId: 'not-a-uuid', appVersion: '1' });
    await expectRefusal(station, 'malformed', { t: 'launch', at: 'now' });
    await expectRefusal(station, 'malformed', Buffer.from(JSON.stringify(helloFrom(station.stationId))));
  });

  it('refuses a second hello on one connection', async () => {
    const station = await enrollTestStation(db);
    const socket = await openAs(station);
    socket.send(helloFrom(station.stationId));
    expect((await socket.next()).t).toBe('welcome');
    socket.send(helloFrom(station.stationId));
    const closed = await socket.closed;
    expect(closed.messages.at(-1)).toEqual({ t: 'refused', reason: 'malformed' });
    expect(closed.code).toBe(1008);
  });

  it('reads nothing after a refusal, even a valid hello sent right behind it', async () => {
    const station = await enrollTestStation(db);
    const enrolled = await stationRow(station.stationId);
    await expectRefusal(station, 'malformed', '{', helloFrom(station.stationId));
    expect(await stationRow(station.stationId)).toEqual(enrolled);
  });

  it('takes a message of exactly the size limit and refuses one byte more', async () => {
    const padded = (stationId: string, bytes: number): string => {
      const base = JSON.stringify({ ...helloFrom(stationId), pad: '' });
      return JSON.stringify({ ...helloFrom(stationId), pad: 'x'.repeat(bytes - base.length) });
    };
    const fits = await enrollTestStation(db);
    const socket = await openAs(fits);
    socket.send(padded(fits.stationId, HUB_MAX_MESSAGE_BYTES));
    expect((await socket.next()).t).toBe('welcome');
    socket.close();

    const tooBig = await enrollTestStation(db);
    const enrolled = await stationRow(tooBig.stationId);
    await expectRefusal(tooBig, 'malformed', padded(tooBig.stationId, HUB_MAX_MESSAGE_BYTES + 1));
    expect(await stationRow(tooBig.stationId)).toEqual(enrolled);
  });

  it('cuts off a message far over the limit without reading it', async () => {
    const socket = await openAs(await enrollTestStation(db));
    socket.send('x'.repeat(4 * HUB_MAX_MESSAGE_BYTES));
    const closed = await socket.closed;
    expect(closed.code).toBe(1009);
    expect(closed.messages).toEqual([]);
  });
});

describe('station socket authentication', () => {
  it('refuses an unsigned upgrade with 401 and writes nothing', async () => {
    const before = await writtenState();
    expect(await refusedUpgrade(url)).toEqual({
      status: 401,
      body: { error: 'signature_missing', message: expect.any(String) },
    });
    // Headers naming a station but carrying no signature are no better.
    const { [SIGNED_HEADERS.signature]: _dropped, ...unsigned } = newTestStation().sign();
    expect((await refusedUpgrade(url, unsigned)).status).toBe(401);
    expect(await writtenState()).toEqual(before);
  });

  it('refuses an upgrade signed with another key than the one enrolled (401) and records its nonce nowhere', async () => {
    const station = await enrollTestStation(db);
    const before = await writtenState();
    const forged = signAs(station.stationId, newTestStation().privateKey);
    expect(await refusedUpgrade(url, forged)).toEqual({
      status: 401,
      body: { error: 'signature_invalid', message: expect.any(String) },
    });
    expect(await writtenState()).toEqual(before);
  });

  it('refuses a station that never enrolled (401), an upgrade signed for another path, and a stale time', async () => {
    const stranger = newTestStation();
    expect(await refusedUpgrade(url, stranger.sign())).toMatchObject({
      status: 401,
      body: { error: 'station_unknown' },
    });
    const station = await enrollTestStation(db);
    expect(await refusedUpgrade(url, station.sign({ path: '/api/sync/pull' }))).toMatchObject({
      status: 401,
      body: { error: 'signature_invalid' },
    });
    const anHourAgo = new Date(Date.now() - 3_600_000).toISOString();
    expect(await refusedUpgrade(url, station.sign({ time: anHourAgo }))).toMatchObject({
      status: 401,
      body: { error: 'clock_skew' },
    });
    expect(await stationRow(stranger.stationId)).toBeUndefined();
  });

  it('refuses a revoked station with 403', async () => {
    const station = await enrollTestStation(db);
    await revokeTestStation(db, station.stationId);
    const before = await writtenState();
    expect(await refusedUpgrade(url, station.sign())).toEqual({
      status: 403,
      body: { error: 'station_revoked', message: expect.any(String) },
    });
    expect(await writtenState()).toEqual(before);
  });

  it('refuses replayed upgrade headers with 409, also once the first socket has closed', async () => {
    const station = await enrollTestStation(db);
    const headers = station.sign();
    const first = await openStationSocket(url, { headers });
    expect(await refusedUpgrade(url, headers)).toEqual({
      status: 409,
      body: { error: 'nonce_replayed', message: expect.any(String) },
    });
    first.send(helloFrom(station.stationId));
    expect((await first.next()).t).toBe('welcome');
    first.close();
    await first.closed;
    expect((await refusedUpgrade(url, headers)).status).toBe(409);
    // A fresh signature is all it takes.
    const fresh = await openAs(station);
    fresh.close();
  });

  it('refuses a hello naming another station than the one that signed, leaving that one untouched', async () => {
    const signer = await enrollTestStation(db);
    const other = await enrollTestStation(db);
    const otherBefore = await stationRow(other.stationId);
    const signerBefore = await stationRow(signer.stationId);
    await expectRefusal(signer, 'station_mismatch', helloFrom(other.stationId, '6.6.6'));
    expect(await stationRow(other.stationId)).toEqual(otherBefore);
    expect(await stationRow(signer.stationId)).toEqual(signerBefore);
  });

  it('cuts off a station revoked while connected at its next ping', async () => {
    const station = await enrollTestStation(db);
    const socket = await openAs(station);
    socket.send(helloFrom(station.stationId));
    expect((await socket.next()).t).toBe('welcome');
    socket.send({ t: 'ping', at: new Date().toISOString() });
    expect((await socket.next()).t).toBe('pong');
    await revokeTestStation(db, station.stationId);
    const revoked = await stationRow(station.stationId);
    socket.send({ t: 'ping', at: new Date().toISOString() });
    const closed = await socket.closed;
    expect(closed.messages.at(-1)).toEqual({ t: 'refused', reason: 'station_revoked' });
    expect(closed.code).toBe(1008);
    // Its contact is not recorded any more.
    expect(await stationRow(station.stationId)).toEqual(revoked);
  });

  it('refuses a hello from a station revoked between its upgrade and its hello', async () => {
    const station = await enrollTestStation(db);
    const socket = await openAs(station);
    await revokeTestStation(db, station.stationId);
    const revoked = await stationRow(station.stationId);
    socket.send(helloFrom(station.stationId, '9.9.9'));
    const closed = await socket.closed;
    expect(closed.messages).toEqual([{ t: 'refused', reason: 'station_revoked' }]);
    expect(closed.code).toBe(1008);
    expect(await stationRow(station.stationId)).toEqual(revoked);
  });
});

describe('station socket, when things go wrong on the hub', () => {
  it('refuses the upgrade with 500 when the database fails before it', async () => {
    const failing: HubDb = { ...db, query: () => Promise.reject(new Error('disk full')) };
    const hub = await buildHub({ db: failing, version: '2.0.0', logger: false });
    const station = await enrollTestStation(db);
    const refused = await refusedUpgrade(await listen(hub), station.sign());
    await hub.close();
    expect(refused).toEqual({ status: 500, body: { error: 'internal', message: expect.any(String) } });
  });

  it('closes with 1011 and sends no welcome when the database fails on hello', async () => {
    // The upgrade's checks pass; the hello's write fails.
    const failing: HubDb = {
      ...db,
      query: (sql, params) =>
        sql.trimStart().startsWith('UPDATE stations') ? Promise.reject(new Error('disk full')) : db.query(sql, params),
    };
    const hub = await buildHub({ db: failing, version: '2.0.0', logger: false });
    const station = await enrollTestStation(db);
    const socket = await openAs(station, await listen(hub));
    socket.send(helloFrom(station.stationId));
    const closed = await socket.closed;
    await hub.close();
    expect(closed.code).toBe(1011);
    expect(closed.messages).toEqual([]);
  });

  it('tells connected stations it is going away when it stops', async () => {
    const hub = await buildHub({ db, version: '2.0.0', logger: false });
    const station = await enrollTestStation(db);
    const socket = await openAs(station, await listen(hub));
    socket.send(helloFrom(station.stationId));
    await socket.next();
    const stopping = hub.close();
    const closed = await socket.closed;
    await stopping;
    expect(closed.code).toBe(1001);
  });

  it('does not wait on a station that never answers the goodbye', async () => {
    const hub = await buildHub({ db, version: '2.0.0', logger: false });
    const { port } = new URL(await listen(hub));
    const signed = Object.entries((await enrollTestStation(db)).sign())
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    // A peer on a dead link: it completes the upgrade, then reads and answers nothing.
    const peer = connect(Number(port), '127.0.0.1');
    peer.write(
      'GET /ws/station HTTP/1.1\r\nHost: hub\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n' +
        signed +
        '\r\n',
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
