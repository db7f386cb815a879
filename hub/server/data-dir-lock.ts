import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Folders this process holds, so a pid found in a lock file can be told apart from our own. */
const held = new Set<string>();

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8'), 10);
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/**
 * Claims `dir` for this process with a `hub.lock` file holding our pid, and returns the release.
 * A lock left by a process that is gone (a crash, kill -9) is taken over; one held by a running
 * process is refused with an error that names both.
 */
export function lockDataDir(dir: string): () => void {
  const path = join(dir, 'hub.lock');
  if (held.has(dir)) throw new Error(`The hub data folder ${dir} is already open in this process.`);
  for (;;) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = holderOf(path);
    // Our own pid here means a previous life of this pid (a container restarts as pid 1 again).
    if (holder !== null && holder !== process.pid && isRunning(holder)) {
      throw new Error(
        `The hub data folder ${dir} is in use by process ${holder}. Stop that hub first; ` +
          `if no hub is running, delete ${path}.`,
      );
    }
    rmSync(path, { force: true });
  }
  held.add(dir);
  return () => {
    if (!held.delete(dir)) return;
    if (holderOf(path) === process.pid) rmSync(path, { force: true });
  };
}
