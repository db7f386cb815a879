import type { Page } from '@playwright/test';
import { startStation } from '../support/station-process.js';
import { DEMO_PIN, expect, keepLogOnFailureAndClean, signInDemoDoctor, test } from './fixtures.js';
import { idInUrl } from './records-steps.js';

const env = { CUNYI_DEMO_PIN: DEMO_PIN };

/** Acts on a simulated device through the page's own station bridge (demo mode only). */
const simulate = (page: Page, device: string, action: string) =>
  page.evaluate(
    ([d, a]) =>
      (
        window as unknown as { station: { devices: { simulate: (i: object) => Promise<unknown> } } }
      ).station.devices.simulate({ device: d, action: a }),
    [device, action] as const,
  );

test('with simulated devices: ID card into registration, SpO2, BP and an ECG strip into a visit, an unplugged oximeter comes back, and it all survives a restart', async ({
  page,
  hub,
}, testInfo) => {
  test.setTimeout(120_000);
  const first = await startStation({ hubUrl: hub.url, env });
  let station = first;
  try {
    await page.goto(`${station.url}#/patients/new`);
    await signInDemoDoctor(page);

    // The ID card fills the registration form.
    const reader = page.getByTestId('id-card-reader');
    await expect(reader.getByTestId('device-state')).toBeVisible();
    await reader.getByRole('button', { name: '读身份证' }).click();
    await simulate(page, 'id-card', 'place-card');
    await expect(page.getByTestId('id-card-filled')).toContainText('张三');
    await expect(page.getByLabel('姓名', { exact: true })).toHaveValue('张三');
    await expect(page.getByLabel('身份证号')).toHaveValue('530102198001150018');
    await expect(page.getByLabel('出生日期')).toHaveValue('1980-01-15');
    await expect(page.getByTestId('id-card-problem')).toHaveCount(0);
    await page.getByLabel('所在村').fill('青年村');
    await page.getByRole('checkbox', { name: /远程医疗/ }).check();
    await page.getByRole('button', { name: '保存登记' }).click();
    await expect(page.getByTestId('patient-name')).toContainText('张三');
    const patientId = idInUrl(page, 'patients');

    await page.getByRole('button', { name: '开始就诊', exact: true }).click();
    await expect(page.getByTestId('visit-status')).toHaveText('进行中');
    const panel = page.getByTestId('devices-panel');

    // The oximeter's live SpO2 waits, flagged, with its unit and device; BP comes from the cuff's memory.
    const spo2 = panel.getByTestId('pending-spo2');
    await expect(spo2).toContainText('93 %');
    await expect(spo2.locator('[data-interpretation="L"]')).toBeVisible();
    await expect(spo2).toContainText('CMS50');
    const cuffCard = panel.locator('[data-testid="device"][data-category="blood-pressure"]');
    await cuffCard.getByRole('button', { name: '读取设备存储的读数' }).click();
    await expect(cuffCard.getByTestId('downloaded')).toContainText('4');
    const bp = panel.getByTestId('pending-bloodPressure').filter({ hasText: '158/96' });
    await expect(bp).toContainText('mmHg');
    await bp.getByRole('button', { name: /^确认.*存入本次就诊$/ }).click();
    await expect(panel.getByTestId('pending-bloodPressure').filter({ hasText: '158/96' })).toHaveCount(0);
    await spo2.getByRole('button', { name: /^确认.*存入本次就诊$/ }).click();
    await expect(page.getByTestId('vital-bloodPressure')).toContainText('158/96 mmHg');
    await expect(page.getByTestId('vital-spo2')).toContainText('93 %');

    // A 10-second ECG strip from the live 12-lead trace.
    await expect(panel.getByTestId('ecg-view')).toBeVisible();
    await expect(panel.getByTestId('ecg-calibration')).toContainText('25 mm/s');
    await panel.getByTestId('ecg-record').click();
    await expect(panel.getByTestId('ecg-recorded')).toContainText('10', { timeout: 30_000 });
    await expect(page.getByTestId('vital-ecg')).toContainText('心电图片段（12 导联）');
    await expect(page.getByTestId('vital-ecg')).toContainText('10 s');

    // Pulling the oximeter's cable shows it; plugging it back reconnects by itself.
    const oximeter = panel.locator('[data-testid="device"][data-category="oximeter"]');
    await simulate(page, 'oximeter', 'unplug');
    await expect(oximeter).toHaveAttribute('data-state', 'disconnected');
    await expect(oximeter.getByTestId('device-state')).toContainText('已断开');
    await simulate(page, 'oximeter', 'replug');
    await expect(oximeter).toHaveAttribute('data-state', /measuring|connected/, { timeout: 15_000 });
    await expect(panel.getByTestId('pending-spo2')).toContainText('93 %');

    // Restart on the same data folder: the confirmed readings and the strip are on the record.
    await station.stop();
    station = await startStation({ dataDir: first.dataDir, hubUrl: hub.url, env });
    await page.goto(`${station.url}#/patients/${patientId}`);
    await signInDemoDoctor(page);
    const visit = page.getByTestId('timeline-visit');
    await expect(visit.locator('[data-type="Observation"]').filter({ hasText: '血压' })).toContainText('158/96 mmHg');
    await expect(visit.locator('[data-type="Observation"]').filter({ hasText: '93 %' })).toHaveCount(1);
    await expect(visit.locator('[data-type="Observation"]').filter({ hasText: /心电图|ECG/ })).toHaveCount(1);
  } finally {
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});
