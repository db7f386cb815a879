import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, lstatSync } from 'node:fs';

/**
 * A pseudo-terminal pair joined by socat: the station opens `stationPath` with the real
 * serialport stack, a simulator opens `devicePath`. Killing the pair is a pulled cable;
 * starting it again on the same paths is the cable plugged back in.
 */
export interface PtyPair {
  readonly stationPath: string;
  readonly devicePath: string;
  /** Pulls the cable: both ends vanish. */
  unplug(): Promise<void>;
  /** Plugs it back: the same paths appear again. */
  replug(): Promise<void>;
  close(): Promise<void>;
}

const HAS_SETPRIV = spawnSync('setpriv', ['--help'], { stdio: 'ignore' }).status === 0;

const waitFor = async (check: () => boolean, ms: number, what: string) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`socat: ${what} did not appear within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
};

const linkExists = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink() && existsSync(path);
  } catch {
    return false;
  }
};

/** Starts socat with two pty ends linked at the given paths (raw, no echo). */
export async function openPtyPair(stationPath: string, devicePath: string): Promise<PtyPair> {
  let child: ChildProcess | null = null;
  const start = async () => {
    const socat = ['socat', `pty,raw,echo=0,link=${stationPath}`, `pty,raw,echo=0,link=${devicePath}`];
    // socat must not outlive us, even when we are killed with SIGKILL: setpriv (util-linux)
    // sets its parent-death signal before exec'ing it.
    const [command = 'socat', ...args] = HAS_SETPRIV ? ['setpriv', '--pdeathsig', 'KILL', '--', ...socat] : socat;
    const started = spawn(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child = started;
    let failure = '';
    started.stderr?.on('data', (d: Buffer) => (failure += d.toString()));
    const exited = new Promise<never>((_, reject) =>
      started.once('exit', (code) => reject(new Error(`socat exited (${code}): ${failure.trim()}`))),
    );
    exited.catch(() => undefined);
    await Promise.race([
      waitFor(() => linkExists(stationPath) && linkExists(devicePath), 5_000, `${stationPath} and ${devicePath}`),
      exited,
    ]);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const gone = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGKILL');
    await gone;
    // socat removes its links on a clean exit only; a killed socat leaves dangling ones.
    await waitFor(() => !linkExists(stationPath), 2_000, 'link removal').catch(() => undefined);
  };
  await start();
  return { stationPath, devicePath, unplug: stop, replug: start, close: stop };
}
