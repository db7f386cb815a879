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
import { connectHub } from './hub-link.js';

const logger = pino({ level: 'silent' });
const stationId = '01a2048e-50d1-756e-ad65-a11dacfafd63';
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

describe('hub link', () => {
  it('says hello, goes online, is recorded by the hub and reports contact', async () => {
    const hub = await startHub();
    const contacts: string[] = [];
    const link = connectHub({
      hubUrl: hub.url,
      stationId,
      appVersion: '1.2.3',
      logger,
      onContact: (at) => contacts.push(at),
    });
    await waitForState(link, 'online');
    expect(contacts.length).toBeGreaterThan(0);
    const rows = await db.query<{ app_version: string }>('SELECT app_version FROM stations WHERE station_id = $1', [
      stationId,
    ]);
    expect(rows).toEqual([{ app_version: '1.2.3' }]);
    link.close();
    await hub.app.close();
  });

  it('goes offline when the hub stops and back online when it returns on the same address', async () => {
    const hub = await startHub();
    const link = connectHub({
      hubUrl: hub.url,
      stationId,
      appVersion: '1',
      logger,
      onContact: () => undefined,
      backoffMs: () => 100,
    });
    await waitForState(link, 'online');
    await hub.app.close();
    await waitForState(link, 'offline');
    const again = await startHub(hub.port);
    await waitForState(link, 'online');
    link.close();
    await again.app.close();
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
