import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { buildCore } from './core-build.js';
import { DEMO_SPECIALISTS, demoSecrets } from './demo-secrets.js';
import type { DemoSecrets } from './demo-secrets.js';
import { freePort, spawnTs, stopProcess, waitForLine } from './processes.js';
import { ensureRendererBuilt } from './renderer-build.js';

const READY_TIMEOUT_MS = 60_000;
/** The demo doctor's PIN, printed at start; demo mode only. */
export const DEMO_PIN = '1234';
/** The hub console's demo admin. */
export const DEMO_ADMIN = 'admin';

export interface BrowserModeOptions {
  /** Folder holding station/ and hub/. */
  dataRoot: string;
  /** An external hub; when absent an embedded hub is started. */
  hubUrl?: string;
  /** The station's own folder; defaults to dataRoot/station. */
  stationDataDir?: string;
  logLevel: string;
  inheritStderr: boolean;
  onLine?: (line: string) => void;
}

export interface BrowserMode {
  readonly stationUrl: string;
  readonly core: ChildProcess;
  /** The embedded hub, when one was started. */
  readonly hub: ChildProcess | null;
  /** Settles when the embedded hub is accepting connections (at once for an external hub). */
  readonly hubReady: Promise<string>;
  /** The demo's enrollment code and admin password, with an embedded hub. */
  readonly demo: DemoSecrets | null;
  stop(): Promise<void>;
}

/**
 * Starts browser mode: the station core first, so the doctor's screen comes up as soon as
 * possible, then the embedded hub, whose embedded PostgreSQL takes seconds of CPU to open.
 * The core's hub link keeps retrying until the hub answers.
 */
export async function launchBrowserMode(options: BrowserModeOptions): Promise<BrowserMode> {
  const log = options.onLine ?? (() => undefined);
  await ensureRendererBuilt(log);
  const env = { CUNYI_LOG_LEVEL: options.logLevel, CUNYI_EXIT_WITH_PARENT: '1' };
  const embedded = options.hubUrl === undefined;
  // With an embedded hub this is the demo: a demo doctor whose PIN the launcher prints, and a
  // station that enrolls itself with the embedded hub on first start.
  const secrets = embedded ? demoSecrets(options.dataRoot) : null;
  const demo = secrets ? { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_ENROLLMENT_CODE: secrets.enrollmentCode } : {};
  const hubPort = embedded ? await freePort() : 0;
  const hubUrl = options.hubUrl ?? `http://127.0.0.1:${hubPort}`;

  const core = spawnTs(
    await buildCore(),
    {
      ...env,
      ...demo,
      CUNYI_HUB_URL: hubUrl,
      CUNYI_DATA_DIR: options.stationDataDir ?? join(options.dataRoot, 'station'),
    },
    { inheritStderr: options.inheritStderr, stdin: 'pipe' },
  );
  if (!options.inheritStderr) core.stderr?.resume();
  const [, stationUrl = ''] = await waitForLine(core, /^Station ready: (\S+)/, READY_TIMEOUT_MS).catch(
    async (error: unknown) => {
      await stopProcess(core);
      throw error;
    },
  );

  let hub: ChildProcess | null = null;
  let hubReady = Promise.resolve(hubUrl);
  if (embedded) {
    hub = spawnTs(
      'hub/server/main.ts',
      {
        ...env,
        HUB_HOST: '127.0.0.1',
        HUB_PORT: String(hubPort),
        HUB_DATA_DIR: join(options.dataRoot, 'hub'),
        ...(secrets
          ? {
              HUB_ADMIN_USER: DEMO_ADMIN,
              HUB_ADMIN_PASSWORD: secrets.adminPassword,
              HUB_BOOTSTRAP_ENROLLMENT_CODE: secrets.enrollmentCode,
              HUB_BOOTSTRAP_STATION_NAME: '演示卫生室',
              HUB_BOOTSTRAP_SPECIALISTS: JSON.stringify(
                DEMO_SPECIALISTS.map((s) => ({ ...s, password: secrets.specialistPassword })),
              ),
              // The demo widens a consult nobody took to general medicine after a minute.
              HUB_CONSULT_WIDEN_AFTER_S: '60',
            }
          : {}),
      },
      { inheritStderr: options.inheritStderr, stdin: 'pipe' },
    );
    if (!options.inheritStderr) hub.stderr?.resume();
    hubReady = waitForLine(hub, /^Hub ready: (\S+)/, READY_TIMEOUT_MS).then((match) => match[1] ?? hubUrl);
  }
  const started = hub;
  return {
    stationUrl,
    core,
    hub,
    hubReady,
    demo: secrets,
    stop: async () => {
      await Promise.all([stopProcess(core), started ? stopProcess(started) : Promise.resolve()]);
    },
  };
}
