import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCore } from '../../scripts/lib/core-build.js';
import { spawnTs } from '../../scripts/lib/processes.js';
import { ensureRendererBuilt } from '../../scripts/lib/renderer-build.js';
import { startStation } from '../support/station-process.js';
import type { StationProcess } from '../support/station-process.js';

let station: StationProcess;

beforeAll(async () => {
  await ensureRendererBuilt();
  station = await startStation();
});
afterAll(async () => station?.stop());

function socketUrl(token: string | null): string {
  return `ws://127.0.0.1:${station.port}/station-socket${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Opens a socket; resolves with it, or with the HTTP status that refused the upgrade. */
function connect(token: string | null, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(socketUrl(token), { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', () => resolve(-1));
  });
}

async function open(): Promise<WebSocket> {
  const ws = await connect(station.token);
  if (typeof ws === 'number') throw new Error(`socket refused: ${ws}`);
  return ws;
}

function exchange(ws: WebSocket, message: unknown): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  });
}

function stationMeta(): unknown[] {
  const db = new Database(join(station.dataDir, 'station.db'), { readonly: true });
  try {
    return db.prepare('SELECT key, value FROM station_meta ORDER BY key').all();
  } finally {
    db.close();
  }
}

function httpStatus(path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: station.port, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser shell', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(station.origin).toBe(`http://127.0.0.1:${station.port}`);
  });

  it.each([
    ['no token', null],
    ['an empty token', ''],
    ['a wrong token', 'x'.repeat(43)],
    ['the token with one character changed', null as string | null],
  ])('refuses a socket with %s before reading any call', async (_name, token) => {
    const given =
      token ??
      (_name.includes('changed') ? station.token.slice(0, -1) + (station.token.endsWith('A') ? 'B' : 'A') : null);
    expect(await connect(given)).toBe(401);
  });

  it('refuses a socket from another page’s origin even with the token', async () => {
    expect(await connect(station.token, { Origin: 'http://evil.example' })).toBe(401);
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    expect(await httpStatus('/', { Host: `evil.example:${station.port}` })).toBe(421);
    expect(await httpStatus('/', { Host: `127.0.0.1:${station.port}` })).toBe(200);
  });

  it('answers a valid call', async () => {
    const ws = await open();
    const reply = await exchange(ws, { t: 'call', id: 1, channel: 'station.info', input: {} });
    expect(reply).toMatchObject({ t: 'result', id: 1, result: { ok: true, value: { mode: 'browser' } } });
    ws.close();
  });

  it.each([
    ['not JSON', 'DROP TABLE station_meta; --', null, 'malformed_message'],
    ['an unknown envelope', { t: 'exec', id: 2, sql: 'DELETE FROM station_meta' }, 2, 'malformed_message'],
    ['a missing channel', { t: 'call', id: 3, input: {} }, 3, 'malformed_message'],
    ['an unknown method', { t: 'call', id: 4, channel: 'station.dropDatabase', input: {} }, 4, 'unknown_method'],
    ['a prototype key as method', { t: 'call', id: 5, channel: 'station.constructor', input: {} }, 5, 'unknown_method'],
    ['a wrong input type', { t: 'call', id: 6, channel: 'station.info', input: 'all' }, 6, 'invalid_input'],
    [
      'an extra input field',
      { t: 'call', id: 7, channel: 'station.status', input: { stationId: 'x' } },
      7,
      'invalid_input',
    ],
    ['a negative request id', { t: 'call', id: -1, channel: 'station.info', input: {} }, null, 'malformed_message'],
  ])('answers %s with a typed error and changes nothing', async (_name, message, id, code) => {
    const before = stationMeta();
    const ws = await open();
    const reply = await exchange(ws, message);
    expect(reply).toMatchObject({
      t: 'result',
      id,
      result: { ok: false, error: { code, messageKey: `errors.${code}` } },
    });
    ws.close();
    expect(stationMeta()).toEqual(before);
  });

  it('closes a socket that sends an oversized message', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ t: 'call', id: 1, channel: 'station.info', input: { pad: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
  });

  it('streams status changes to a subscriber and stops after unsubscribe', async () => {
    const ws = await open();
    const messages: Record<string, unknown>[] = [];
    // One listener for the whole exchange: the event and the acknowledgement can arrive together.
    ws.on('message', (data) => messages.push(JSON.parse(String(data)) as Record<string, unknown>));
    ws.send(JSON.stringify({ t: 'subscribe', id: 9, channel: 'station.statusChanges', input: {} }));
    await expect.poll(() => messages.length).toBeGreaterThanOrEqual(2);
    // The current status arrives first, then the subscription is acknowledged.
    expect(messages[0]).toMatchObject({ t: 'event', id: 9, value: { hub: { state: 'not_configured' } } });
    expect(messages[1]).toEqual({ t: 'result', id: 9, result: { ok: true, value: null } });
    ws.send(JSON.stringify({ t: 'subscribe', id: 9, channel: 'station.statusChanges', input: {} }));
    await expect.poll(() => messages.length).toBe(3);
    expect(messages[2]).toMatchObject({ t: 'result', id: 9, result: { ok: false, error: { code: 'invalid_input' } } });
    ws.send(JSON.stringify({ t: 'unsubscribe', id: 9 }));
    ws.close();
  });
});

describe('station store at start', () => {
  const digest = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  async function startFails(dataDir: string): Promise<{ code: number | null; stderr: string }> {
    const child = spawnTs(await buildCore(), { CUNYI_DATA_DIR: dataDir });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { code, stderr };
  }

  it('refuses a foreign file at the database path, says why and leaves it untouched', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-foreign-'));
    const file = join(dataDir, 'station.db');
    writeFileSync(file, 'not a database, but somebody’s precious file\n');
    const before = digest(file);
    const { code, stderr } = await startFails(dataDir);
    expect(code).toBe(1);
    expect(stderr).toContain('is not an SQLite database');
    expect(stderr).toContain('not modified');
    expect(digest(file)).toBe(before);
  });

  it('keeps its identity across a kill -9', async () => {
    const first = await startStation();
    const idBefore = (await infoOf(first)).stationId;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const second = await startStation({ dataDir: first.dataDir });
    try {
      expect((await infoOf(second)).stationId).toBe(idBefore);
    } finally {
      await second.stop();
    }
  });
});

async function infoOf(s: StationProcess): Promise<{ stationId: string }> {
  const ws = new WebSocket(`ws://127.0.0.1:${s.port}/station-socket?token=${s.token}`);
  await new Promise((resolve) => ws.once('open', resolve));
  const reply = await exchange(ws, { t: 'call', id: 1, channel: 'station.info', input: {} });
  ws.close();
  return (reply.result as { value: { stationId: string } }).value;
}
