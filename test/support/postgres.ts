import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../scripts/lib/processes.js';

const run = promisify(execFile);
const PG_ROOT = '/usr/lib/postgresql';

/** A throwaway PostgreSQL server with one empty database. */
export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/cunyi_hub_test */
  url: string;
  /** Stops the server (`immediate`: as if it crashed) and starts it again on the same port. */
  restart(mode?: 'fast' | 'immediate'): Promise<void>;
  stop(): Promise<void>;
}

/** Debian's newest server binaries, e.g. /usr/lib/postgresql/15/bin. */
function serverBinDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb')) && existsSync(join(PG_ROOT, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest === undefined ? null : join(PG_ROOT, newest, 'bin');
}

/** The postgres OS user's uid and gid, or null when there is no such user. */
async function postgresUser(): Promise<{ uid: number; gid: number } | null> {
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    return null;
  }
}

const isRoot = (): boolean => process.getuid?.() === 0;

/**
 * Why startPostgres cannot work on this machine, or null when it can. Only missing parts count
 * here; a server that is present but fails to start is an error, not a reason to skip.
 */
export async function postgresUnavailableReason(): Promise<string | null> {
  if (serverBinDir() === null) {
    return `no PostgreSQL server binaries (${PG_ROOT}/<version>/bin/initdb); install them with: apt-get install postgresql`;
  }
  // PostgreSQL refuses to run as root, so as root we run it as the postgres user.
  if (isRoot() && (await postgresUser()) === null) {
    return 'running as root and there is no "postgres" OS user to run the server as (apt-get install postgresql creates it)';
  }
  if (isRoot() && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser')) {
    return 'running as root and runuser (util-linux) is missing, so the server cannot be started as the postgres user';
  }
  return null;
}

/** Runs a server binary, as the postgres user when we are root. */
async function runPg(bin: string, args: string[]): Promise<void> {
  const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  try {
    await run(file, argv, { timeout: 60_000 });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${bin} ${args.join(' ')} failed: ${stderr || stdout || String(error)}`, { cause: error });
  }
}

/**
 * Starts a throwaway cluster: initdb into a temp folder (owned by postgres when we are root),
 * trust authentication, listening on 127.0.0.1 only at a free port with its socket in that
 * folder, durability off since the data is thrown away, and one empty database.
 */
export async function startPostgres(): Promise<TestPostgres> {
  const reason = await postgresUnavailableReason();
  if (reason !== null) throw new Error(`Cannot start PostgreSQL: ${reason}`);
  const bin = serverBinDir()!;
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const owner = isRoot() ? await postgresUser() : null;
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const stop = async (): Promise<void> => {
    await runPg(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runPg(join(bin, 'initdb'), [
      '-D',
      dataDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    const port = await startOnFreePort(bin, dataDir, dir, logFile);
    await runPg(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'cunyi_hub_test']);
    // pg_ctl restart reuses the options the server was started with (postmaster.opts).
    const restart = (mode: 'fast' | 'immediate' = 'immediate'): Promise<void> =>
      runPg(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-m', mode, '-w', '-t', '30', 'restart']);
    return { url: `postgres://postgres@127.0.0.1:${port}/cunyi_hub_test`, restart, stop };
  } catch (error) {
    const log = existsSync(logFile) ? `\nserver log:\n${readFileSync(logFile, 'utf8')}` : '';
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}${log}`, { cause: error });
  }
}

/** pg_ctl start on a port that was free a moment ago; retried in case another process took it. */
async function startOnFreePort(bin: string, dataDir: string, socketDir: string, logFile: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    try {
      await runPg(join(bin, 'pg_ctl'), ['-D', dataDir, '-l', logFile, '-w', '-t', '30', '-o', options, 'start']);
      return port;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}
