import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { lockDataDir } from './data-dir-lock.js';

let dir: string;
let lockFile: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-hub-lock-'));
  lockFile = join(dir, 'hub.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A pid that certainly belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid;
}

describe('lockDataDir', () => {
  it('writes our pid, refuses a second lock in this process, and removes the file on release', () => {
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    expect(() => lockDataDir(dir)).toThrow(/already open in this process/);
    release();
    expect(existsSync(lockFile)).toBe(false);
    lockDataDir(dir)();
  });

  it('refuses a folder held by another running process, naming it and the file to delete', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      writeFileSync(lockFile, `${other.pid}\n`);
      expect(() => lockDataDir(dir)).toThrow(`in use by process ${other.pid}`);
      expect(() => lockDataDir(dir)).toThrow(`delete ${lockFile}`);
      expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(other.pid));
    } finally {
      other.kill();
    }
  });

  it('takes over a lock left by a process that is gone, or by an earlier life of our pid', () => {
    writeFileSync(lockFile, `${deadPid()}\n`);
    const release = lockDataDir(dir);
    expect(readFileSync(lockFile, 'utf8').trim()).toBe(String(process.pid));
    release();

    writeFileSync(lockFile, `${process.pid}\n`);
    lockDataDir(dir)();
    writeFileSync(lockFile, 'garbage');
    lockDataDir(dir)();
  });

  it('does not delete a lock another process took after ours was released', () => {
    const release = lockDataDir(dir);
    release();
    writeFileSync(lockFile, '4242\n');
    release();
    expect(readFileSync(lockFile, 'utf8')).toBe('4242\n');
  });
});
