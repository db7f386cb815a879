import type { Page } from 'playwright-core';
import { z } from 'zod';
import { BENCH_PIN, BENCH_SPECIALIST } from './rig.js';

/** Signs the demo doctor in on the station page, as test/e2e/fixtures.ts does. */
export async function signInStation(page: Page, stationUrl: string): Promise<void> {
  await page.goto(`${stationUrl}#/patients`);
  await page.getByRole('button', { name: '演示医生' }).click();
  for (const digit of BENCH_PIN) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: '确定' }).click();
  await page.getByTestId('signed-in-doctor').waitFor({ timeout: 15_000 });
}

/** Signs the cardiologist in to the hub console and sets her available, so requests ring her. */
export async function signInConsole(page: Page, hubUrl: string): Promise<void> {
  await page.goto(`${hubUrl}/console/`);
  await page.getByLabel('用户名').fill(BENCH_SPECIALIST.username);
  await page.getByLabel('密码').fill(BENCH_SPECIALIST.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByTestId('specialist-name').waitFor({ timeout: 15_000 });
  const availability = page.getByTestId('availability');
  await availability.click();
  await page.locator('[data-testid="availability"][aria-checked="true"]').waitFor({ timeout: 10_000 });
}

/** Patients' names for the requests (a name is letters only: no numbering). */
const NAMES = ['赵桂兰', '钱秀英', '孙玉梅', '李淑珍', '周凤英', '吴秀兰', '郑桂芳', '王翠花'];

const Requested = z.object({ consultId: z.uuid(), before: z.number(), after: z.number() });

/**
 * A new patient with a visit (setup, through the page's station API), then a cardiology
 * consult asked for from it with `consults.request`, stamped with Date.now() just before the
 * call and when it returned.
 */
export async function requestConsult(page: Page, n: number): Promise<z.infer<typeof Requested>> {
  const script = `(async (n) => {
    const NAMES = ${JSON.stringify(NAMES)};
    const station = window.station;
    const { id: patientId } = await station.patients.register({
      patient: { name: NAMES[n % NAMES.length], sex: 'female', birthDate: '1956-05-0' + (1 + (n % 9)), village: '东山村',
        consent: { telemedicine: true, shareWithHub: true } },
    });
    const { id: visitId } = await station.visits.open({ patientId, reason: 'illness' });
    await station.visits.recordVitals({ visitId, vitals: { systolic: 166, diastolic: 97, heartRate: 94 } });
    const before = Date.now();
    const consult = await station.consults.request({ visitId, specialty: 'cardiology', urgency: 'urgent',
      question: '胸闷气短，请会诊 #' + n, attachVitals: true, ecgObservationId: null });
    return { consultId: consult.consultId, before, after: Date.now() };
  })(${n})`;
  return Requested.parse(await page.evaluate(script));
}

/** Reads something of the page's read-only call probe (window.__cunyiCall); null without one. */
export async function probe<T>(page: Page, expression: string, schema: z.ZodType<T>): Promise<T | null> {
  const value: unknown = await page.evaluate(
    `(() => { const p = window.__cunyiCall; return p ? (${expression}) : null; })()`,
  );
  return value === null ? null : schema.parse(value);
}

/** The mode the page's side sends in, from its probe. */
export const modeOf = (page: Page) => probe(page, 'p.mode', z.string().nullable());
