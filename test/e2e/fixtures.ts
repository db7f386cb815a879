import { readFileSync, rmSync } from 'node:fs';
import { test as base } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { startHub, startStation } from '../support/station-process.js';
import type { HubProcess, StationProcess } from '../support/station-process.js';

/** Every e2e station has the demo doctor, 演示医生, with this PIN. */
export const DEMO_PIN = '1234';

/** Attaches the core's log to a failed test, next to Playwright's screenshot. */
export async function keepLogOnFailureAndClean(station: StationProcess, testInfo: TestInfo): Promise<void> {
  if (testInfo.status !== testInfo.expectedStatus) {
    await testInfo.attach('core.log', { body: readFileSync(station.logPath), contentType: 'text/plain' });
  }
  // The station has stopped: its data folder (database, log) is not needed any more.
  rmSync(station.dataDir, { recursive: true, force: true });
}

/**
 * Each test gets a station core with a fresh data folder. The hub (PGlite, slow to create) is
 * shared by the tests of a worker; a test that needs to stop its hub starts its own.
 */
export const test = base.extend<{ station: StationProcess }, { hub: HubProcess }>({
  hub: [
    // Playwright requires the object pattern even when a fixture depends on nothing.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const hub = await startHub();
      await use(hub);
      await hub.stop();
    },
    { scope: 'worker' },
  ],
  station: async ({ hub }, use, testInfo) => {
    // Enrolled, as in production: the hub accepts only enrolled stations' links.
    const env = { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_ENROLLMENT_CODE: await hub.enrollmentCode() };
    const station = await startStation({ hubUrl: hub.url, env });
    await use(station);
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  },
});

export { expect } from '@playwright/test';

/** Types a PIN on the on-screen keypad and confirms. */
export async function typePin(page: Page, pin: string): Promise<void> {
  for (const digit of pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '确定' }).click();
}

/** Signs the demo doctor in from the sign-in screen. */
export async function signInDemoDoctor(page: Page): Promise<void> {
  await page.getByRole('button', { name: '演示医生' }).click();
  await typePin(page, DEMO_PIN);
}
