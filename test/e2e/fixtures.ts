import { readFileSync } from 'node:fs';
import { test as base } from '@playwright/test';
import { startHub, startStation } from '../support/station-process.js';
import type { HubProcess, StationProcess } from '../support/station-process.js';

interface Fixtures {
  hub: HubProcess;
  station: StationProcess;
}

/**
 * Every test gets its own hub and a station core with a fresh data folder; when a test fails,
 * the core's log is attached next to Playwright's screenshot.
 */
export const test = base.extend<Fixtures>({
  // Playwright requires the object pattern even when a fixture depends on nothing.
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    const hub = await startHub();
    await use(hub);
    await hub.stop();
  },
  station: async ({ hub }, use, testInfo) => {
    const station = await startStation({ hubUrl: hub.url });
    await use(station);
    await station.stop();
    if (testInfo.status !== testInfo.expectedStatus) {
      await testInfo.attach('core.log', { body: readFileSync(station.logPath), contentType: 'text/plain' });
    }
  },
});

export { expect } from '@playwright/test';
