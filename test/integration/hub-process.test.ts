import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HubHealth } from '../../contract/hub-wire.js';
import { openPglite } from '../../hub/server/db.js';
import { migrate } from '../../hub/server/migrate.js';
import { hubMigrations } from '../../hub/server/migrations/index.js';
import { repoRoot, waitForLine } from '../../scripts/lib/processes.js';
import { helloFrom, openStationSocket } from '../support/hub-client.js';
import { enrollTestStation } from '../support/test-station.js';

interface RunningHub {
  child: ChildProcess;
  url: string;
  /** Everything written to stdout so far. */
  stdout: () => string;
  stderr: () => string;
}

const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-hub-process-'));
const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Starts `tsx hub/server/main.ts` as `npm run hub` does. Not through npx or npm: they do not
 * pass SIGTERM on to the hub (it would outlive them), and this test is about the hub's exit.
 */
function spawnHub(): { child: ChildProcess; stdout: () => string; stderr: () => string } {
  const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), ['hub/server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, HUB_PORT: '0', HUB_DATA_DIR: dataDir, HUB_HOST: '127.0.0.1', CUNYI_LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
  return { child, stdout: () => out, stderr: () => err };
}

async function startHub(): Promise<RunningHub> {
  const hub = spawnHub();
  try {
    const [, url = ''] = await waitForLine(hub.child, /^Hub ready: (http:\/\/127\.0\.0\.1:\d+)$/, 60_000);
    return { ...hub, url };
  } catch (error) {
    throw new Error(`${String(error)}\nhub stderr:\n${hub.stderr()}`, { cause: error });
  }
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

async function health(url: string): Promise<HubHealth> {
  const response = await fetch(`${url}/health`);
  expect(response.status).toBe(200);
  return HubHealth.parse(await response.json());
}

describe('the hub as a process', () => {
  it('starts on a free port, serves, stops on SIGTERM with 0 and keeps its stations across a restart', async () => {
    // Enrolled before the hub starts: a running hub holds its data folder locked.
    const enrolling = await openPglite(dataDir);
    await migrate(enrolling);
    const station = await enrollTestStation(enrolling);
    await enrolling.close();
    const { stationId } = station;
    const first = await startHub();
    expect(await health(first.url)).toMatchObject({
      status: 'ok',
      database: 'pglite',
      schemaVersion: hubMigrations.at(-1)!.version,
    });
    const socket = await openStationSocket(first.url, { headers: station.sign() });
    socket.send(helloFrom(stationId, '4.5.6'));
    expect((await socket.next()).t).toBe('welcome');

    first.child.kill('SIGTERM');
    // The hub tells the station it is going away rather than just vanishing.
    expect((await socket.closed).code).toBe(1001);
    expect(await exitOf(first.child)).toEqual({ code: 0, signal: null });
    expect(first.stdout()).toBe(`Hub ready: ${first.url}\n`);
    expect(first.stderr()).toContain('"msg":"hub started"');
    expect(existsSync(join(dataDir, 'hub.lock'))).toBe(false);

    const second = await startHub();
    expect(await health(second.url)).toMatchObject({ status: 'ok', schemaVersion: hubMigrations.at(-1)!.version });
    second.child.kill('SIGTERM');
    expect(await exitOf(second.child)).toEqual({ code: 0, signal: null });

    const db = await openPglite(dataDir);
    const rows = await db.query('SELECT app_version FROM stations WHERE station_id = $1', [stationId]);
    const ledger = await db.query('SELECT version FROM schema_migrations');
    await db.close();
    expect(rows).toEqual([{ app_version: '4.5.6' }]);
    expect(ledger).toEqual(hubMigrations.map((m) => ({ version: m.version })));
  });

  it('refuses to open a data folder another hub is using, and says which', async () => {
    const running = await startHub();
    try {
      const intruder = spawnHub();
      expect(await exitOf(intruder.child)).toEqual({ code: 1, signal: null });
      expect(intruder.stdout()).toBe('');
      expect(intruder.stderr()).toMatch(/Hub failed to start: The hub data folder .* is in use by process \d+/);
      expect(await health(running.url)).toMatchObject({ status: 'ok' });
    } finally {
      running.child.kill('SIGTERM');
      expect(await exitOf(running.child)).toEqual({ code: 0, signal: null });
    }
  });
});
