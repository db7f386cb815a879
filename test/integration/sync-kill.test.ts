import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NODE_BUNDLE } from '../../scripts/lib/core-build.js';
import { repoRoot } from '../../scripts/lib/processes.js';
import { openStore } from '../../main/store/index.js';
import { createScratchDatabase } from '../support/hub-postgres-db.js';
import { hubRecords, startTestHub, stationRecords } from '../support/sync-fixture.js';
import type { TestHub } from '../support/sync-fixture.js';

/**
 * Kill -9 of the station core at random moments while it records vitals and syncs: every
 * write that returned is on the hub exactly once in the end, and the hub holds exactly what
 * the station holds. `npm run chaos:sync` runs 1,000 iterations; `npm test` runs 30 per hub database,
 * enough to hit every phase of a round while keeping the suite inside its time budget.
 */
const ITERATIONS = Number(process.env.SYNC_KILL_ITERATIONS ?? 30);
const pgUrl = process.env.HUB_TEST_DATABASE_URL || undefined;
let childScript: string;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cunyi-sync-kill-'));
  // Inside the repository, so the bundle resolves its packages from node_modules.
  childScript = join(repoRoot, 'dist', 'test', `station-child-${process.pid}.mjs`);
  await build({
    ...NODE_BUNDLE,
    entryPoints: ['test/support/chaos/station-child.ts'],
    outfile: childScript,
    sourcemap: false,
  });
});
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  rmSync(childScript, { force: true });
  rmSync(`${childScript}.map`, { force: true });
});

interface Run {
  written: string[];
  lines: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * When to kill the child: `ms` after it starts, or `ms` after it says READY (so a slow, loaded
 * machine still gets its kills while the station writes and syncs, not all during start-up).
 */
type KillAt = { from: 'start' | 'ready'; ms: number } | null;

/** Runs the child until it exits, or kills it with SIGKILL at `killAt`. */
function runChild(env: NodeJS.ProcessEnv, killAt: KillAt): Promise<Run> {
  const child = spawn(process.execPath, ['--enable-source-maps', childScript], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
  let timer = killAt?.from === 'start' ? kill(killAt.ms) : undefined;
  const run: Run = { written: [], lines: [], code: null, signal: null };
  let buffered = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      run.lines.push(line);
      if (line === 'READY' && killAt?.from === 'ready') timer = kill(killAt.ms);
      if (line.startsWith('W ')) run.written.push(...line.slice(2).split(' '));
    }
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0)
        reject(new Error(`station child failed (${code}): ${stderr.slice(-2000)}`));
      resolve({ ...run, code, signal });
    });
  });
}

async function killLoop(hub: TestHub): Promise<void> {
  const dataDir = join(scratch, `station-${Date.now()}`);
  const env = { CHILD_DATA_DIR: dataDir, CHILD_HUB_URL: hub.url, CHILD_ENROLLMENT_CODE: await hub.enrollmentCode() };
  const written = new Set<string>();
  let killedWhileWriting = 0;
  for (let i = 0; i < ITERATIONS; i++) {
    // One kill in five lands during start-up and enrollment, the rest while writing and pushing.
    const killAt: KillAt =
      i % 5 === 0 ? { from: 'start', ms: Math.random() * 400 } : { from: 'ready', ms: Math.random() * 350 };
    const run = await runChild(env, killAt);
    expect(run.signal).toBe('SIGKILL');
    for (const id of run.written) written.add(id);
    if (run.written.length > 0) killedWhileWriting++;
  }
  const drained = await runChild({ ...env, CHILD_MODE: 'drain' }, null);
  expect(drained.lines).toContain('DRAINED');

  const store = openStore(join(dataDir, 'station.db'));
  try {
    const stationId = (
      store.db.prepare("SELECT value FROM station_meta WHERE key = 'station_id'").get() as { value: string }
    ).value;
    const local = stationRecords(store.db);
    const remote = await hubRecords(hub.db, stationId);
    // Every write that returned, on the hub; the hub holds exactly the station's records, each once.
    const missing = [...written].filter((id) => !remote.map.has(`${id}/1`));
    expect(missing).toEqual([]);
    expect(remote.rows).toBe(local.size);
    expect(remote.map).toEqual(local);
    expect(store.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    expect(store.db.prepare('SELECT count(*) AS n FROM sync_rejections').get()).toEqual({ n: 0 });
    expect(written.size).toBeGreaterThan(ITERATIONS);
    expect(killedWhileWriting).toBeGreaterThan(ITERATIONS / 2);
    console.log(
      `sync-kill (${hub.db.kind}): ${ITERATIONS} kills, ${written.size} acknowledged writes, ${local.size} records, all on the hub once`,
    );
  } finally {
    store.close();
  }
}

describe('kill -9 of the station core while it writes and syncs', () => {
  it(`loses and duplicates nothing over ${ITERATIONS} kills (PGlite hub)`, async () => {
    const hub = await startTestHub();
    try {
      await killLoop(hub);
    } finally {
      await hub.close();
    }
  }, 600_000);

  it.skipIf(!pgUrl)(
    `loses and duplicates nothing over ${ITERATIONS} kills (PostgreSQL hub)`,
    async () => {
      const database = await createScratchDatabase(pgUrl ?? '');
      const hub = await startTestHub({ databaseUrl: database.url });
      try {
        await killLoop(hub);
      } finally {
        await hub.close();
        await database.drop();
      }
    },
    600_000,
  );
});
if (!pgUrl) console.log('sync-kill: PostgreSQL run skipped: HUB_TEST_DATABASE_URL is not set (CI sets it)');
