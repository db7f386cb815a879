import { rmSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { ensureRendererBuilt } from '../../../scripts/lib/renderer-build.js';
import e2eConfig from '../../e2e/playwright.config.js';
import { startHub, startStation } from '../../support/station-process.js';
import type { HubProcess, StationProcess } from '../../support/station-process.js';
import { startTurnServer } from '../../support/turn-server.js';
import { startUdpThrottle } from '../../support/udp-throttle.js';
import type { UdpThrottle } from '../../support/udp-throttle.js';
import { onCleanup } from '../lib/children.js';
import { PAGE_SCRIPT } from './page-script.js';

/** The demo doctor's PIN on the bench station. */
export const BENCH_PIN = '1234';
const TURN_SECRET = 'bench-consult-turn-static-secret';

/** The specialist the bench's hub is started with (HUB_BOOTSTRAP_SPECIALISTS). */
export const BENCH_SPECIALIST = {
  username: 'cardio.bench',
  password: 'bench-specialist-password',
  displayName: '王心',
  specialty: 'cardiology',
} as const;

/** Everything a consult bench run needs, started; `onCleanup` stops it all. */
export interface ConsultRig {
  readonly hub: HubProcess;
  readonly station: StationProcess;
  /** In front of coturn's port: every media packet of both peers crosses it (relay-only ICE). */
  readonly throttle: UdpThrottle;
  readonly browser: Browser;
  readonly stationPage: Page;
  readonly consolePage: Page;
}

/**
 * coturn behind the UDP throttle, a hub that hands out only that relay (HUB_ICE_TRANSPORT_POLICY
 * =relay), a browser-mode station enrolled with it, and one Chromium (the e2e flags: fake camera
 * and microphone) with a context per side, each page watched by PAGE_SCRIPT.
 */
export async function startConsultRig(log: (line: string) => void): Promise<ConsultRig> {
  await ensureRendererBuilt(log);
  const turn = await startTurnServer({ secret: TURN_SECRET });
  onCleanup(() => turn.stop());
  const throttle = await startUdpThrottle({ host: '127.0.0.1', port: turn.port });
  onCleanup(() => throttle.close());
  const hub = await startHub({
    env: {
      HUB_BOOTSTRAP_SPECIALISTS: JSON.stringify([BENCH_SPECIALIST]),
      HUB_TURN_URLS: `turn:127.0.0.1:${throttle.port}`,
      HUB_TURN_SECRET: TURN_SECRET,
      HUB_ICE_TRANSPORT_POLICY: 'relay',
    },
  });
  onCleanup(() => hub.stop());
  const station = await startStation({
    hubUrl: hub.url,
    env: { CUNYI_DEMO_PIN: BENCH_PIN, CUNYI_ENROLLMENT_CODE: await hub.enrollmentCode() },
  });
  onCleanup(async () => {
    await station.stop();
    rmSync(station.dataDir, { recursive: true, force: true });
  });
  log(`rig: hub ${hub.url}, station ${station.origin}, coturn :${turn.port} behind throttle :${throttle.port}`);

  const browser = await chromium.launch({ ...e2eConfig.use?.launchOptions, headless: true });
  onCleanup(() => browser.close());
  const page = async (): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    await context.addInitScript({ content: PAGE_SCRIPT });
    const opened = await context.newPage();
    opened.on('pageerror', (error) => log(`page error: ${error.message}`));
    return opened;
  };
  return { hub, station, throttle, browser, stationPage: await page(), consolePage: await page() };
}
