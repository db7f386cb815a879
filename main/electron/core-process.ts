// Entry of the station core inside Electron's utility process (bundled to dist-electron/core.cjs).
// It imports no electron: Electron hands the process `process.parentPort`, and everything else
// is the same plain-Node core that browser mode runs.
import { ALL_DRIVERS } from '../../drivers/index.js';
import { startCore } from '../core.js';
import { createLogger } from '../logger.js';
import { serveCore } from './core-server.js';
import type { ParentPortLike } from './core-server.js';

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;

if (!parentPort) {
  process.stderr.write('core-process runs only inside an Electron utility process (process.parentPort is missing)\n');
  process.exit(1);
} else {
  const logger = createLogger('station');
  serveCore(
    parentPort,
    (options) => startCore({ ...options, mode: 'electron', logger, drivers: ALL_DRIVERS }),
    () => process.exit(0),
  );
}
