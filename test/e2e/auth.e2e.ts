import { startStation } from '../support/station-process.js';
import { keepLogOnFailureAndClean, DEMO_PIN, expect, test, typePin } from './fixtures.js';

test('a workflow needs a signed-in doctor; a wrong PIN is refused; the screen locks and unlocks', async ({
  page,
  station,
}) => {
  await page.goto(station.url);
  await page.getByRole('navigation').getByRole('link', { name: '接诊登记' }).click();
  await expect(page.getByRole('heading', { name: '医生登录' })).toBeVisible();
  await expect(page.getByText('此功能将在后续版本中提供。')).toHaveCount(0);

  await page.getByRole('button', { name: '演示医生' }).click();
  await typePin(page, '9999');
  await expect(page.getByRole('alert')).toHaveText('PIN 不正确。');
  await typePin(page, DEMO_PIN);
  await expect(page.getByTestId('signed-in-doctor')).toHaveText('演示医生');
  await expect(page.getByRole('heading', { name: '接诊登记' })).toBeVisible();

  await page.getByRole('button', { name: '锁屏' }).click();
  await expect(page.getByRole('heading', { name: '演示医生，屏幕已锁定' })).toBeVisible();
  await expect(page.getByRole('heading', { name: '接诊登记' })).toHaveCount(0);
  await typePin(page, DEMO_PIN);
  await expect(page.getByRole('heading', { name: '接诊登记' })).toBeVisible();
});

test('the screen locks by itself after the configured idle time', async ({ page, hub }, testInfo) => {
  // 0.05 minutes = 3 s, so the test does not wait five minutes.
  const station = await startStation({
    hubUrl: hub.url,
    env: { CUNYI_DEMO_PIN: DEMO_PIN, CUNYI_LOCK_AFTER_MIN: '0.05' },
  });
  try {
    await page.goto(station.url + '#/patients');
    await page.getByRole('button', { name: '演示医生' }).click();
    await typePin(page, DEMO_PIN);
    await expect(page.getByTestId('signed-in-doctor')).toBeVisible();
    await expect(page.getByRole('heading', { name: '演示医生，屏幕已锁定' })).toBeVisible({ timeout: 10_000 });
  } finally {
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});

test('a new station without accounts asks for its first doctor', async ({ page, hub }, testInfo) => {
  const station = await startStation({ hubUrl: hub.url });
  try {
    await page.goto(station.url + '#/intake');
    await expect(page.getByRole('heading', { name: '创建第一个医生账号' })).toBeVisible();
    await page.getByLabel('姓名').fill('王医生');
    await typePin(page, '2468');
    await expect(page.getByTestId('signed-in-doctor')).toHaveText('王医生');
  } finally {
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});
