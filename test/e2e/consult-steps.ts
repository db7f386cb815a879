import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import type { StationApi } from '../../contract/index.js';
import type { HubProcess, StationProcess } from '../support/station-process.js';
import { startTurnServer } from '../support/turn-server.js';
import { startUdpThrottle } from '../support/udp-throttle.js';
import type { UdpThrottle } from '../support/udp-throttle.js';

/** A demo specialist the consult tests' hub is started with (HUB_BOOTSTRAP_SPECIALISTS). */
export const CARDIOLOGIST = {
  username: 'cardio.e2e',
  password: 'e2e-specialist-password',
  displayName: '王心',
  specialty: 'cardiology',
} as const;

export const specialistsEnv = { HUB_BOOTSTRAP_SPECIALISTS: JSON.stringify([CARDIOLOGIST]) };

/** The station API the page itself holds, for setting up what the test is not about. */
export function stationOf(page: Page) {
  return <T>(fn: (station: StationApi) => Promise<T>) =>
    page.evaluate(
      // Serialised into the page: `fn` runs there with the page's own window.station.
      (source) =>
        (new Function('station', `return (${source})(station)`) as (s: StationApi) => Promise<T>)(
          (window as unknown as { station: StationApi }).station,
        ),
      fn.toString(),
    );
}

/** A patient with a visit open, registered through the page's station API. */
export async function patientWithVisit(page: Page): Promise<{ patientId: string; visitId: string }> {
  return stationOf(page)(async (station) => {
    const { id: patientId } = await station.patients.register({
      patient: {
        name: '李桂芬',
        sex: 'female',
        birthDate: '1958-03-02',
        village: '东山村',
        consent: { telemedicine: true, shareWithHub: true },
      },
    });
    const { id: visitId } = await station.visits.open({ patientId, reason: 'illness' });
    await station.visits.recordVitals({ visitId, vitals: { systolic: 168, diastolic: 98, heartRate: 96 } });
    return { patientId, visitId };
  });
}

/** A browser context for the specialist, signed in to the hub console. */
export async function consoleAsSpecialist(
  browser: Browser,
  hubUrl: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hubUrl}/console/`);
  await page.getByLabel('用户名').fill(CARDIOLOGIST.username);
  await page.getByLabel('密码').fill(CARDIOLOGIST.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByTestId('specialist-name')).toContainText(CARDIOLOGIST.displayName);
  return { context, page };
}

interface CallProbe {
  state: string | null;
  mode: string | null;
  quality(): { inboundVideo?: { framesDecoded?: number } | null } | null;
  vitals?: Record<string, { value: number; unit: string }>;
}

/** Reads the page's read-only call probe (window.__cunyiCall). */
export function callProbe<T>(page: Page, read: (probe: CallProbe) => T): Promise<T | null> {
  return page.evaluate((source) => {
    const probe = (window as unknown as { __cunyiCall?: CallProbe }).__cunyiCall;
    return probe ? (new Function('p', `return (${source})(p)`) as (p: CallProbe) => T)(probe) : null;
  }, read.toString());
}

/** Waits until the page decodes the other side's video: frames counted from getStats. */
export async function expectRemoteFrames(page: Page, atLeast = 10, timeout = 20_000): Promise<void> {
  await expect
    .poll(() => callProbe(page, (p) => p.quality()?.inboundVideo?.framesDecoded ?? 0), { timeout })
    .toBeGreaterThanOrEqual(atLeast);
}

/** Where a consult call stands once both sides see each other. */
export interface ConnectedCall {
  patientId: string;
  specialist: { context: BrowserContext; page: Page };
}

/**
 * From a signed-in station page to a connected call: a visit, a consult request through the
 * form, the specialist rung, accepting and calling, the doctor joining from the alert, and
 * remote frames decoding on both sides.
 */
export async function connectConsultCall(
  page: Page,
  browser: Browser,
  hub: HubProcess,
  station: StationProcess,
  options: { photo?: { name: string; mimeType: string; buffer: Buffer } } = {},
): Promise<ConnectedCall> {
  const specialist = await consoleAsSpecialist(browser, hub.url);
  await specialist.page.getByTestId('availability').click();
  await expect(specialist.page.getByTestId('availability')).toHaveAttribute('aria-checked', 'true');

  const { patientId, visitId } = await patientWithVisit(page);
  await page.goto(`${station.url}#/visits/${visitId}`);
  await page.getByTestId('consult-request-open').click();
  const form = page.getByTestId('consult-request-form');
  await form.getByLabel('心内科').check();
  await form.getByLabel('加急').check();
  await form.getByLabel('向专家提出的问题').fill('胸闷三天，血压高，请会诊');
  if (options.photo) {
    await form.getByTestId('consult-photo-input').setInputFiles(options.photo);
    await expect(form.getByTestId('consult-photo')).toHaveCount(1);
  }
  await form.getByTestId('consult-request-submit').click();
  await expect(page.getByTestId('consult-card').first()).toHaveAttribute('data-state', 'waiting');

  // The specialist is rung, opens it, accepts and calls.
  await expect(specialist.page.getByTestId('ring-banner')).toBeVisible();
  const entry = specialist.page.getByTestId('queue-entry').first();
  await expect(entry).toContainText('李桂芬');
  await entry.getByRole('link', { name: '打开' }).click();
  const consultPage = specialist.page.getByTestId('consult-page');
  await expect(consultPage.getByTestId('consult-question')).toContainText('胸闷三天');
  if (options.photo) await expect(consultPage.getByTestId('consult-photo')).toHaveCount(1);
  await consultPage.getByRole('button', { name: '接诊' }).click();
  await expect(consultPage).toHaveAttribute('data-state', 'accepted');
  await consultPage.getByRole('button', { name: '呼叫卫生室' }).click();

  // The station is alerted; one press joins.
  await page.getByTestId('consult-alert-join').click();
  await expect(page.getByTestId('call-state')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
  await expectRemoteFrames(page);
  await expectRemoteFrames(specialist.page);
  return { patientId, specialist };
}

/** coturn behind the UDP throttle, and the hub settings that hand out only that relay. */
export interface ThrottledRelay {
  /** Every media packet of both peers crosses it: cap it or block it mid-call. */
  readonly throttle: UdpThrottle;
  /** HUB_TURN_URLS (the throttle's port), HUB_TURN_SECRET, HUB_ICE_TRANSPORT_POLICY=relay. */
  readonly hubEnv: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Starts a coturn on loopback with the throttle in front of its port. */
export async function startThrottledRelay(): Promise<ThrottledRelay> {
  const secret = 'e2e-consult-link-turn-secret';
  const turn = await startTurnServer({ secret });
  const throttle = await startUdpThrottle({ host: '127.0.0.1', port: turn.port }).catch(async (error: unknown) => {
    await turn.stop();
    throw error;
  });
  return {
    throttle,
    hubEnv: {
      HUB_TURN_URLS: `turn:127.0.0.1:${throttle.port}`,
      HUB_TURN_SECRET: secret,
      HUB_ICE_TRANSPORT_POLICY: 'relay',
    },
    stop: async () => {
      await throttle.close();
      await turn.stop();
    },
  };
}

/** The remote video frames this page has decoded so far (0 before any). */
export async function framesDecoded(page: Page): Promise<number> {
  return (await callProbe(page, (p) => p.quality()?.inboundVideo?.framesDecoded ?? 0)) ?? 0;
}

/** Waits until the page has decoded `more` remote frames beyond `from`. */
export async function expectFramesAdvance(page: Page, from: number, more: number, timeout: number): Promise<void> {
  await expect.poll(() => framesDecoded(page), { timeout, intervals: [100] }).toBeGreaterThanOrEqual(from + more);
}

/** What the link test reads of either page's call probe, beyond CallProbe. */
interface LinkProbe {
  mode: string | null;
  remoteMode: string | null;
  quality(): { receivedKbps: number | null; inboundVideo: { framesDecoded: number } | null } | null;
}

/** Reads the page's call probe as LinkProbe (null without one). */
export function linkProbe<T>(page: Page, read: (probe: LinkProbe) => T): Promise<T | null> {
  return page.evaluate((source) => {
    const probe = (window as unknown as { __cunyiCall?: LinkProbe }).__cunyiCall;
    return probe ? (new Function('p', `return (${source})(p)`) as (p: LinkProbe) => T)(probe) : null;
  }, read.toString());
}
