import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startHub, startStation } from '../support/station-process.js';
import { shippedMigrations } from '../../main/store/index.js';
import { keepLogOnFailureAndClean, expect, signInDemoDoctor, test } from './fixtures.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

function storedStationId(dataDir: string): string {
  const db = new Database(join(dataDir, 'station.db'), { readonly: true });
  try {
    return (db.prepare("SELECT value FROM station_meta WHERE key = 'station_id'").get() as { value: string }).value;
  } finally {
    db.close();
  }
}

test('the status screen shows the running core’s values, in Chinese by default', async ({ page, station, hub }) => {
  await page.goto(station.url);
  await expect(page.getByRole('heading', { name: '工作站状态' })).toBeVisible();
  await expect(page.getByTestId('station-id')).toHaveText(storedStationId(station.dataDir));
  await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
  await expect(page.getByTestId('database-path')).toHaveText(join(station.dataDir, 'station.db'));
  await expect(page.getByTestId('schema-version')).toHaveText(
    `${shippedMigrations.length}（本版本支持 ${shippedMigrations.length}）`,
  );
  await expect(page.getByTestId('hub-url')).toHaveText(hub.url);
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'online');
  await expect(page.getByTestId('hub-state')).toHaveText('在线');
  await expect(page.getByTestId('last-contact')).not.toHaveText('从未');
  // The launch token leaves the address bar once the page has it.
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
});

test('English can be chosen and survives a reload', async ({ page, station }) => {
  await page.goto(station.url);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Station status' })).toBeVisible();
  await expect(page.getByTestId('hub-state')).toHaveText('Online');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.getByRole('heading', { name: '工作站状态' })).toBeVisible();
});

test('the hub state follows the link: offline when the hub stops, online when it returns', async ({
  page,
}, testInfo) => {
  const hub = await startHub();
  const station = await startStation({ hubUrl: hub.url, env: { CUNYI_ENROLLMENT_CODE: await hub.enrollmentCode() } });
  try {
    await page.goto(station.url);
    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'online');
    const contactBefore = await page.getByTestId('last-contact').textContent();
    await hub.stop({ keepData: true });
    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('hub-state')).toHaveText('离线');
    await expect(page.getByTestId('last-contact')).toHaveText(contactBefore ?? '');
    // The same data: the station stays enrolled across the hub's restart.
    const again = await startHub({ port: hub.port, dataDir: hub.dataDir });
    try {
      await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'online', { timeout: 45_000 });
    } finally {
      await again.stop();
      rmSync(hub.dataDir, { recursive: true, force: true });
    }
  } finally {
    await station.stop();
    await keepLogOnFailureAndClean(station, testInfo);
  }
});

test('the app frame lists every workflow and says plainly which are not built yet', async ({ page, station }) => {
  await page.goto(station.url);
  const nav = page.getByRole('navigation');
  for (const name of [
    '工作站状态',
    '接诊登记',
    '患者档案',
    '慢病随访',
    '体征采集',
    '远程会诊',
    '处方打印',
    '急救上报',
  ]) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }
  await nav.getByRole('link', { name: '处方打印' }).click();
  await signInDemoDoctor(page);
  await expect(page.getByRole('heading', { name: '处方打印' })).toBeVisible();
  await expect(page.getByText('此功能将在后续版本中提供。')).toBeVisible();
  const box = await nav.getByRole('link', { name: '处方打印' }).boundingBox();
  expect(box?.height ?? 0).toBeGreaterThanOrEqual(44); // touch-sized targets

  // The records workflows are built: each opens its own screen, not the placeholder.
  for (const [name, control] of [
    ['接诊登记', page.getByLabel('查找患者')],
    ['患者档案', page.getByLabel('查找患者')],
    ['慢病随访', page.getByText('目前没有需要随访的患者。')],
    ['远程会诊', page.getByTestId('consults-screen')],
  ] as const) {
    await nav.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name: name === '远程会诊' ? '进行中的会诊' : name })).toBeVisible();
    await expect(control).toBeVisible();
    await expect(page.getByText('此功能将在后续版本中提供。')).toHaveCount(0);
  }
});
