import { utilityProcess } from 'electron';
import { createCoreClient } from './core-client.js';
import type { CoreClient } from './core-client.js';
import type { CoreStartOptions } from './core-messages.js';

/** How long the core gets to close its database cleanly before it is killed. */
const STOP_GRACE_MS = 5000;

/** The core running in its utility process. */
export interface CoreHost {
  readonly client: CoreClient;
  /** Asks the core to close, kills it if it does not exit in time; settles once it is gone. */
  stop(): Promise<void>;
}

/**
 * Starts the station core in an Electron utility process: a Node process of its own, so
 * synchronous SQLite work never blocks the main process or the window.
 */
export function forkCore(modulePath: string, options: CoreStartOptions): CoreHost {
  const child = utilityProcess.fork(modulePath, [], { serviceName: 'Cunyi Station core', stdio: 'inherit' });
  const client = createCoreClient(child);
  client.start(options);
  let exited = false;
  void client.exited.then(() => (exited = true));
  return {
    client,
    async stop() {
      if (exited) return;
      client.stop();
      const timer = setTimeout(() => child.kill(), STOP_GRACE_MS);
      await client.exited;
      clearTimeout(timer);
    },
  };
}
