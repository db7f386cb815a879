import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the caller sits. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Starts a TypeScript entry (through tsx's loader) or a built .mjs in its own Node process. */
export function spawnTs(
  entry: string,
  env: NodeJS.ProcessEnv,
  options: { inheritStderr?: boolean; stdin?: 'pipe' | 'ignore' } = {},
): ChildProcess {
  const args = entry.endsWith('.mjs') ? [entry] : ['--import', 'tsx', entry];
  return spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: [options.stdin ?? 'ignore', 'pipe', options.inheritStderr ? 'inherit' : 'pipe'],
  });
}

/** Resolves with the first stdout line matching `pattern`; rejects if the process exits first. */
export function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    if (!child.stdout) {
      reject(new Error('child has no stdout pipe'));
      return;
    }
    const lines = createInterface({ input: child.stdout });
    const timer = setTimeout(() => finish(new Error(`no line matching ${pattern} within ${timeoutMs} ms`)), timeoutMs);
    const onExit = (code: number | null): void =>
      finish(new Error(`process exited (${code}) before printing ${pattern}`));
    function finish(error: Error | null, match?: RegExpMatchArray): void {
      clearTimeout(timer);
      child.off('exit', onExit);
      lines.off('line', onLine);
      if (error) reject(error);
      else resolve(match as RegExpMatchArray);
    }
    function onLine(line: string): void {
      const match = line.match(pattern);
      if (match) finish(null, match);
    }
    lines.on('line', onLine);
    child.once('exit', onExit);
  });
}

/** A loopback port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sends SIGTERM, then SIGKILL if the process has not exited within `graceMs`. */
export async function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
