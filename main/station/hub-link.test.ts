import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { HubState } from '../../contract/station.js';
import { buildHub } from '../../hub/server/app.js';
import { openPglite } from '../../hub/server/db.js';
import type { HubDb } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { enrollTestStation, newTestStation, revokeTestStation } from '../../test/support/test-station.js';
import type { TestStation } from '../../test/support/test-station.js';
import { until } from '../../test/support/wait.js';
import type { Logger } from '../logger.js';
import { createRequestSigner } from '../sync/request-signer.js';
import { connectHub } from './hub-link.js';
import type { HubLinkOptions } from './hub-link.js';

const logger = pino({ level: 'silent' });
let db: HubDb;

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
});
afterAll(async () => db.close());

async function startHub(port = 0): Promise<{ app: FastifyInstance; url: string; port: number }> {
  const app = await buildHub({ db, version: 'test', logger });
  await app.listen({ host: '127.0.0.1', port });
  const actual = (app.server.address() as AddressInfo).port;
  return { app, url: `http://127.0.0.1:${actual}`, port: actual };
}

function waitForState(link: ReturnType<typeof connectHub>, state: HubState): Promise<void> {
  if (link.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const onState = (next: HubState) => {
      if (next !== state) return;
      link.off('state', onState);
      resolve();
    };
    link.on('state', onState);
  });
}

/** The station's own signer for a test station, counting the upgrades it signs. */
function signerFor(station: TestStation): { sign: HubLinkOptions['sign']; nonces: string[] } {
  const signer = createRequestSigner(station.stationId, station.privateKey);
  const nonces: string[] = [];
  return {
    nonces,
    sign: (request) => {
      const headers = signer(request);
      nonces.push(headers['x-cunyi-nonce']);
      return headers;
    },
  };
}

/** A logger at debug level whose lines the test can read. */
function capturingLogger(): { logger: Logger; lines: Array<{ level: number; msg: string; refusal?: string }> } {
  const lines: Array<{ level: number; msg: string; refusal?: string }> = [];
  const stream = { write: (line: string) => void lines.push(JSON.parse(line) as (typeof lines)[number]) };
  return { logger: pino({ level: 'debug' }, stream), lines };
}

const WARN = 40;

const stationId = '01a2048e-50d1-756e-ad65-a11dacfafd63';

/** A link for a signing station, with the options these tests vary. */
function linkAs(hubUrl: string, sign: HubLinkOptions['sign'], stationId: string, extra: Partial<HubLinkOptions> = {}) {
  return connectHub({ hubUrl, stationId, appVersion: '1', logger, sign, onContact: () => undefined, ...extra });
}

describe('hub link', () => {
  it('says hello with a signed upgrade, goes online, is recorded by the hub and reports contact', async () => {
    const station = await enrollTestStation(db);
    const hub = await startHub();
    const contacts: string[] = [];
    const link = linkAs(hub.url, signerFor(station).sign, station.stationId, {
      appVersion: '1.2.3',
      onContact: (at) => contacts.push(at),
    });
    await waitForState(link, 'online');
    expect(contacts.length).toBeGreaterThan(0);
    const rows = await db.query<{ app_version: string }>('SELECT app_version FROM stations WHERE station_id = $1', [
      station.stationId,
    ]);
    expect(rows).toEqual([{ app_version: '1.2.3' }]);
    link.close();
    await hub.app.close();
  });

  it('goes offline when the hub stops and back online when it returns, signing each attempt afresh', async () => {
    const station = await enrollTestStation(db);
    const signer = signerFor(station);
    const hub = await startHub();
    const link = linkAs(hub.url, signer.sign, station.stationId, { backoffMs: () => 100 });
    await waitForState(link, 'online');
    await hub.app.close();
    await waitForState(link, 'offline');
    const again = await startHub(hub.port);
    await waitForState(link, 'online');
    // The hub refuses a nonce it has seen: coming back online took a fresh one.
    expect(signer.nonces.length).toBeGreaterThanOrEqual(2);
    expect(new Set(signer.nonces).size).toBe(signer.nonces.length);
    link.close();
    await again.app.close();
  });

  it('stays offline while not enrolled, retrying slowly, and goes online at once when told to retry', async () => {
    const station = newTestStation();
    const signer = signerFor(station);
    const captured = capturingLogger();
    const hub = await startHub();
    const link = linkAs(hub.url, signer.sign, station.stationId, { logger: captured.logger, backoffMs: () => 20 });
    await waitForState(link, 'offline');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A refusal is not a dead link: no retry every 20 ms while nothing can change.
    expect(signer.nonces).toHaveLength(1);
    expect(link.state).toBe('offline');
    expect(captured.lines.filter((line) => line.level >= WARN)).toEqual([
      expect.objectContaining({ msg: 'hub refused the station', refusal: 'station_unknown' }),
    ]);

    await enrollTestStation(db, { station });
    const started = Date.now();
    link.retryNow();
    await waitForState(link, 'online');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(signer.nonces).toHaveLength(2);
    link.close();
    await hub.app.close();
  });

  it('is cut off when revoked while online and logs the refusal once however often it retries', async () => {
    const station = await enrollTestStation(db);
    const signer = signerFor(station);
    const captured = capturingLogger();
    const hub = await startHub();
    const link = linkAs(hub.url, signer.sign, station.stationId, {
      logger: captured.logger,
      pingEveryMs: 50,
      backoffMs: () => 20,
      refusedRetryMs: 20,
    });
    await waitForState(link, 'online');
    await revokeTestStation(db, station.stationId);
    await waitForState(link, 'offline');
    const repeats = () => captured.lines.filter((line) => line.msg === 'hub refused the station again').length;
    await until(() => repeats() >= 3);
    expect(link.state).toBe('offline');
    const warnings = captured.lines.filter((line) => line.level >= WARN);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'hub refused the station', refusal: 'station_revoked' })]);
    link.close();
    await hub.app.close();
  });

  it('drops a link that stops answering pings (a silent 4G drop) and reconnects', async () => {
    // A hub that welcomes once and then never answers again.
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    let connections = 0;
    wss.on('connection', (socket) => {
      connections++;
      socket.once('message', () =>
        socket.send(JSON.stringify({ t: 'welcome', hubVersion: 'x', hubTime: new Date().toISOString() })),
      );
    });
    await new Promise((resolve) => wss.once('listening', resolve));
    const url = `http://127.0.0.1:${(wss.address() as AddressInfo).port}`;
    const link = connectHub({
      hubUrl: url,
      stationId,
      appVersion: '1',
      logger,
      onContact: () => undefined,
      pingEveryMs: 100,
      backoffMs: () => 50,
    });
    await waitForState(link, 'online');
    await waitForState(link, 'offline');
    await waitForState(link, 'online');
    expect(connections).toBeGreaterThanOrEqual(2);
    link.close();
    await new Promise((resolve) => wss.close(resolve));
  });

  it('ignores a hub message that does not match the contract', async () => {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    wss.on('connection', (socket) => socket.once('message', () => socket.send('{"t":"welcome","hubVersion":5}')));
    await new Promise((resolve) => wss.once('listening', resolve));
    const contacts: string[] = [];
    const link = connectHub({
      hubUrl: `http://127.0.0.1:${(wss.address() as AddressInfo).port}`,
      stationId,
      appVersion: '1',
      logger,
      onContact: (at) => contacts.push(at),
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(link.state).toBe('connecting');
    expect(contacts).toEqual([]);
    link.close();
    await new Promise((resolve) => wss.close(resolve));
  });
});
