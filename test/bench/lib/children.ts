import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { z } from 'zod';
import { NODE_BUNDLE } from '../../../scripts/lib/core-build.js';
import { repoRoot } from '../../../scripts/lib/processes.js';

/**
 * The processes bench:devices starts, and the guarantee that none outlives it: every child is
 * registered for cleanup, and each child also exits when its IPC channel to the bench closes
 * (the bench killed outright). socat pairs carry their own parent-death signal.
 */

const cleanups: (() => Promise<void>)[] = [];

/** Runs `cleanup` when the bench finishes or fails (most recent first). */
export function onCleanup(cleanup: () => Promise<void>): void {
  cleanups.unshift(cleanup);
}

export async function cleanAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => undefined);
}

/** The child entries, bundled as the core is for `npm start` (scripts/lib/core-build.ts): no tsx in the measured process. */
export async function buildBenchEntries(): Promise<{ station: string; ecgDevice: string }> {
  const outdir = join(repoRoot, 'dist', 'bench');
  await build({
    ...NODE_BUNDLE,
    entryPoints: { 'bench-station': 'test/bench/lib/bench-station.ts', 'ecg-device': 'test/bench/lib/ecg-device.ts' },
    outdir,
    outExtension: { '.js': '.mjs' },
  });
  return { station: join(outdir, 'bench-station.mjs'), ecgDevice: join(outdir, 'ecg-device.mjs') };
}

export interface Child {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Resolves with the first message `schema` accepts that `pick` wants; rejects if the child exits first. */
  next<T>(schema: z.ZodType<T>, pick: (message: T) => boolean, timeoutMs: number): Promise<T>;
  send(message: unknown): void;
  /** The end of the child's stderr, for a failure message. */
  logTail(): string;
  stop(): Promise<void>;
}

/** Starts a bundled entry with an IPC channel; its stderr goes to `logPath`. */
export function startChild(entry: string, args: readonly string[], env: NodeJS.ProcessEnv, logPath: string): Child {
  const child = spawn(process.execPath, [entry, ...args], {
    cwd: repoRoot,
    env: { ...process.env, BENCH_REPO_ROOT: repoRoot, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  child.stderr?.pipe(createWriteStream(logPath, { flags: 'a' }));
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  onCleanup(stop);
  function next<T>(schema: z.ZodType<T>, pick: (message: T) => boolean, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`no answer from ${entry} within ${timeoutMs} ms`)), timeoutMs);
      const onExit = (code: number | null) => finish(new Error(`${entry} exited (${code}) before answering`));
      const onMessage = (raw: unknown) => {
        const parsed = schema.safeParse(raw);
        if (parsed.success && pick(parsed.data)) finish(null, parsed.data);
      };
      function finish(error: Error | null, value?: T): void {
        clearTimeout(timer);
        child.off('exit', onExit);
        child.off('message', onMessage);
        if (error) reject(error);
        else resolve(value as T);
      }
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }
  return {
    process: child,
    pid: child.pid ?? 0,
    next,
    send: (message) => {
      if (child.connected) child.send(message as object);
    },
    logTail: () => {
      try {
        return readFileSync(logPath, 'utf8').split('\n').slice(-15).join('\n');
      } catch {
        return '';
      }
    },
    stop,
  };
}

const clockTicks = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number.parseInt(answer.stdout ?? '', 10);
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** CPU seconds (user + system, every thread) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return (utime + stime) / clockTicks;
}
