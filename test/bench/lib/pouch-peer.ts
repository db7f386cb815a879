import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { repoRoot } from '../../../scripts/lib/processes.js';
import { FromPouchHub, epochMs, loadPouchDB, pouchIn, startPouchHub, whenReadable } from './pouch-hub.js';
import type { PouchDatabase, PouchDoc, ToPouchHub } from './pouch-hub.js';

/**
 * The comparison peer of bench:sync: the same records replicated with the CouchDB replication
 * protocol, as the Community Health Toolkit does. pouchdb-node (its default LevelDB adapter, in a
 * temporary folder) replicates one-shot with `PouchDB.replicate(local, remoteUrl)` and every
 * option at its default (100 docs a batch, 10 batches in flight) to express-pouchdb over
 * loopback (pouch-hub.ts), which has its own pouchdb-node in another temporary folder.
 *
 * `hub: 'same-process'` (the default) serves express-pouchdb from this process, the layout that
 * reproduces the "about 8.5 s"; `'child-process'` gives it a process, and so a core, of
 * its own. The fair choice is whichever matches how the bench runs our own hub.
 */

export interface PeerRecord {
  id: string;
  /** The FHIR resource as JSON text; its fields become the document's fields. */
  body: string;
}

export interface PeerResult {
  /** From the start of replication until it completed and the hub's doc_count held every record. */
  drainSeconds: number;
  /** From writing the emergency record (right behind the backlog, just before replication starts) until the hub could read it. */
  emergencyLatencyMs: number;
  /** Documents the hub holds afterwards (backlog + emergency). */
  docs: number;
}

/** The hub as the replicating side sees it, wherever it runs. */
interface HubHandle {
  url: string;
  watch(id: string): Promise<number>;
  count(): Promise<number>;
  close(): Promise<void>;
}

function toDoc(record: PeerRecord): PouchDoc {
  const fields: unknown = JSON.parse(record.body);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new Error(`record ${record.id}: body is not a JSON object`);
  }
  return { ...(fields as Record<string, unknown>), _id: record.id };
}

async function hubHere(dir: string): Promise<HubHandle> {
  const hub = await startPouchHub(dir);
  const watches: Array<() => void> = [];
  return {
    url: hub.url,
    watch(id) {
      const watch = whenReadable(hub.db, id);
      watches.push(watch.stop);
      return watch.arrival;
    },
    count: async () => (await hub.db.info()).doc_count,
    async close() {
      watches.forEach((stop) => stop());
      await hub.close();
    },
  };
}

async function hubInChild(dir: string): Promise<HubHandle> {
  const entry = fileURLToPath(new URL('./pouch-hub-child.ts', import.meta.url));
  const child: ChildProcess = fork(entry, [dir], {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const next = <K extends FromPouchHub['kind']>(kind: K, timeoutMs: number) =>
    new Promise<Extract<FromPouchHub, { kind: K }>>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`pouch hub: no '${kind}' within ${timeoutMs} ms`)), timeoutMs);
      const onExit = (code: number | null) => finish(new Error(`pouch hub exited (${code})`));
      const onMessage = (raw: unknown) => {
        const message = FromPouchHub.safeParse(raw);
        if (message.success && message.data.kind === kind)
          finish(null, message.data as Extract<FromPouchHub, { kind: K }>);
      };
      function finish(error: Error | null, value?: Extract<FromPouchHub, { kind: K }>): void {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(value!);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (message: ToPouchHub) => child.send(message);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const { url } = await next('ready', 30_000);
    return {
      url,
      watch(id) {
        const landed = next('landed', 10 * 60_000);
        send({ kind: 'watch', id });
        return landed.then((message) => message.at);
      },
      async count() {
        const answer = next('count', 30_000);
        send({ kind: 'count' });
        return (await answer).count;
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Writes `docs` to a local PouchDB (not timed), writes `emergency` right behind them, starts a
 * one-shot replication to the express-pouchdb hub at once, and measures the drain and how long
 * the emergency record took to become readable on the hub.
 */
export async function replicateWithPouch(
  docs: PeerRecord[],
  emergency: PeerRecord,
  options: { hub?: 'same-process' | 'child-process' } = {},
): Promise<PeerResult> {
  const backlog = docs.map(toDoc);
  const urgent = toDoc(emergency);
  const ids = new Set(backlog.map((doc) => doc._id));
  if (ids.size !== backlog.length || ids.has(urgent._id)) throw new Error('record ids must be unique');

  const stationDir = mkdtempSync(join(tmpdir(), 'cunyi-pouch-station-'));
  const hubDir = mkdtempSync(join(tmpdir(), 'cunyi-pouch-hub-'));
  let hub: HubHandle | null = null;
  let station: PouchDatabase | null = null;
  try {
    hub = options.hub === 'child-process' ? await hubInChild(hubDir) : await hubHere(hubDir);
    const StationPouch = pouchIn(stationDir);
    station = new StationPouch('station');
    for (let i = 0; i < backlog.length; i += 1000) {
      const results = await station.bulkDocs(backlog.slice(i, i + 1000));
      const failed = results.find((result) => result.error);
      if (failed) throw new Error(`pouch refused ${failed.id}: ${failed.error}`);
    }

    const landed = hub.watch(urgent._id);
    const written = epochMs();
    await station.put(urgent);
    const started = performance.now();
    const outcome = await loadPouchDB().replicate(station, hub.url);
    if (!outcome.ok || outcome.doc_write_failures > 0) throw new Error('pouch replication reported failures');
    const count = await hub.count();
    const drainSeconds = (performance.now() - started) / 1000;
    if (count !== backlog.length + 1) throw new Error(`pouch hub holds ${count} docs, expected ${backlog.length + 1}`);
    return { drainSeconds, emergencyLatencyMs: (await landed) - written, docs: count };
  } finally {
    await station?.close().catch(() => undefined);
    await hub?.close();
    rmSync(stationDir, { recursive: true, force: true });
    rmSync(hubDir, { recursive: true, force: true });
  }
}
