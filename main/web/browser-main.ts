import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { readAppVersion } from '../app-version.js';
import { browserModeConfig } from '../config.js';
import { ALL_DRIVERS } from '../../drivers/index.js';
import { startCore } from '../core.js';
import { DEMO_HID, DEMO_SERIAL } from '../devices/demo-devices.js';
import { DeviceSimulatorRig } from '../devices/simulator-rig.js';
import { createLogger } from '../logger.js';
import { StoreOpenError } from '../store/index.js';
import { newLaunchToken } from './access.js';
import { stopOnSignals } from './stop-on-signal.js';
import { startWebShell } from './web-shell.js';

/** Entry of browser mode: the station core plus the loopback web shell, in one Node process. */
async function main(): Promise<void> {
  const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
  const logger = createLogger('station');
  const config = browserModeConfig(process.env, repoRoot);
  if (!existsSync(join(config.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${config.rendererDir}); run npm run build:renderer`);
  }
  const core = await startCore({
    dataDir: config.dataDir,
    hubUrl: config.hubUrl,
    mode: 'browser',
    appVersion: readAppVersion(join(repoRoot, 'package.json')),
    logger,
    lockAfterMs: config.lockAfterMs,
    demoDoctorPin: config.demoDoctorPin,
    ...(config.enrollmentCode ? { enrollmentCode: config.enrollmentCode } : {}),
    drivers: ALL_DRIVERS,
    // Demo mode has no hardware: simulated devices, until settings switch to real ports.
    ...(config.demoDoctorPin !== undefined
      ? { simulators: () => DeviceSimulatorRig.create(DEMO_SERIAL, DEMO_HID) }
      : {}),
  });
  const shell = await startWebShell({
    dispatcher: core.dispatcher,
    rendererDir: config.rendererDir,
    token: newLaunchToken(),
    port: config.port,
    logger,
  });
  // The launcher and tests read this exact line from stdout.
  process.stdout.write(`Station ready: ${shell.url}\n`);

  const stop = stopOnSignals(shell, core);
  // Started by `npm start`: when the launcher dies, even by SIGKILL, its pipe closes; follow it.
  if (process.env.CUNYI_EXIT_WITH_PARENT === '1') process.stdin.once('end', stop).resume();
}

main().catch((error: unknown) => {
  const message = error instanceof StoreOpenError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`Station failed to start: ${message}\n`);
  process.exit(1);
});
