import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCore } from '../../scripts/lib/core-build.js';
import { freePort, spawnTs, stopProcess, waitForLine } from '../../scripts/lib/processes.js';
import { hubEnrollmentCodes, testHubAdminEnv } from './hub-admin-client.js';

/** A real browser-mode station core in its own process, with a fresh data folder. */
export interface StationProcess {
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly port: number;
  readonly dataDir: string;
  readonly logPath: string;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts the core; its structured log goes to a file the tests attach on failure. */
export async function startStation(
  options: { dataDir?: string; hubUrl?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<StationProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cunyi-station-'));
  const logPath = join(dataDir, 'core.log');
  // The bundled core, as npm start runs it; building takes tens of milliseconds.
  const child = spawnTs(await buildCore(), {
    CUNYI_DATA_DIR: dataDir,
    CUNYI_LOG_LEVEL: 'debug',
    ...(options.hubUrl ? { CUNYI_HUB_URL: options.hubUrl } : {}),
    ...options.env,
  });
  child.stderr?.pipe(createWriteStream(logPath, { flags: 'a' }));
  const [, url = ''] = await waitForLine(child, /^Station ready: (\S+)/, 60_000);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token') ?? '',
    port: Number(parsed.port),
    dataDir,
    logPath,
    child,
    stop: () => stopProcess(child),
  };
}

/** A real hub process (PGlite in a fresh folder unless a database URL is given). */
export interface HubProcess {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** A fresh one-time enrollment code, issued by the test admin (stations must enroll to connect). */
  enrollmentCode(): Promise<string>;
  /** Stops the hub and removes the data folder it made, unless `keepData` (a restart follows). */
  stop(options?: { keepData?: boolean }): Promise<void>;
}

/** A real hub process: PGlite in a fresh folder (removed on stop) unless a folder or database URL is given. */
export async function startHub(
  options: { port?: number; dataDir?: string; databaseUrl?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<HubProcess> {
  const port = options.port ?? (await freePort());
  // On PostgreSQL the hub needs no folder; a folder made here is this hub's to remove.
  const made = options.dataDir === undefined && options.databaseUrl === undefined;
  const dataDir = options.dataDir ?? (made ? mkdtempSync(join(tmpdir(), 'cunyi-hub-')) : '');
  const child = spawnTs('hub/server/main.ts', {
    HUB_HOST: '127.0.0.1',
    HUB_PORT: String(port),
    ...(dataDir ? { HUB_DATA_DIR: dataDir } : {}),
    CUNYI_LOG_LEVEL: 'warn',
    ...testHubAdminEnv,
    ...(options.databaseUrl ? { HUB_DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  child.stderr?.resume();
  const [, url = ''] = await waitForLine(child, /^Hub ready: (\S+)/, 60_000);
  const stop = async (stopOptions: { keepData?: boolean } = {}): Promise<void> => {
    await stopProcess(child);
    if (made && !stopOptions.keepData) rmSync(dataDir, { recursive: true, force: true });
  };
  return { url, port, dataDir, child, enrollmentCode: hubEnrollmentCodes(url), stop };
}
