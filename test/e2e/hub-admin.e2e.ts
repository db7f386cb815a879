import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from '@playwright/test';
import { SYNC_PATHS } from '../../contract/sync/wire.js';
import { createRequestSigner } from '../../main/sync/request-signer.js';
import { freePort, spawnTs, stopProcess, waitForLine } from '../../scripts/lib/processes.js';

const ADMIN = { username: 'admin', password: 'e2e-admin-password' };

interface AdminHub {
  url: string;
}

/** A hub of its own with an admin from the environment, as an operator would start one. */
const test = base.extend<{ hub: AdminHub }>({
  // Playwright requires the object pattern even when a fixture depends on nothing.
  // eslint-disable-next-line no-empty-pattern
  hub: async ({}, use) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cunyi-hub-admin-'));
    const port = await freePort();
    const child = spawnTs('hub/server/main.ts', {
      HUB_HOST: '127.0.0.1',
      HUB_PORT: String(port),
      HUB_DATA_DIR: dataDir,
      HUB_ADMIN_USER: ADMIN.username,
      HUB_ADMIN_PASSWORD: ADMIN.password,
      CUNYI_LOG_LEVEL: 'warn',
    });
    child.stderr?.resume();
    try {
      const [, url = ''] = await waitForLine(child, /^Hub ready: (\S+)/, 60_000);
      await use({ url });
    } finally {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    }
  },
});

type Signer = ReturnType<typeof createRequestSigner>;

/** Enrolls a new station with `code` through the hub's real enrollment route, as a station does. */
async function enrollStation(hubUrl: string, code: string): Promise<{ stationId: string; sign: Signer }> {
  const stationId = randomUUID();
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const body = Buffer.from(
    JSON.stringify({ code, stationId, publicKey: raw.toString('base64url'), appVersion: '0.1.0-e2e' }),
  );
  const sign = createRequestSigner(stationId, privateKey);
  const response = await fetch(new URL(SYNC_PATHS.enroll, hubUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...sign({ method: 'POST', path: SYNC_PATHS.enroll, body }) },
    body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return { stationId, sign };
}

/** A signed pull as the station's sync loop sends it: answered while enrolled, refused once revoked. */
async function pullStatus(hubUrl: string, sign: Signer): Promise<number> {
  const path = `${SYNC_PATHS.pull}?after=0`;
  const response = await fetch(new URL(path, hubUrl), { headers: sign({ method: 'GET', path }) });
  await response.arrayBuffer();
  return response.status;
}

test('an admin signs in, creates an enrollment code seen once, and revokes the station it enrolled', async ({
  page,
  hub,
}) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  await page.goto(new URL('/console/', hub.url).href);
  await expect(page.getByRole('heading', { name: '云医院控制台登录' })).toBeVisible();

  // A wrong password is refused with a clear message; the right one opens the console.
  await page.getByLabel('用户名').fill(ADMIN.username);
  await page.getByLabel('密码').fill('not-the-password');
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('alert')).toHaveText('用户名或密码错误。');
  await page.getByLabel('密码').fill(ADMIN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await expect(page.getByRole('heading', { name: '工作站' })).toBeVisible();
  await expect(page.getByText(`已登录：${ADMIN.username}`)).toBeVisible();
  await expect(page.getByText('还没有工作站')).toBeVisible();

  // Create a code: shown once, large, with its expiry.
  await page.getByRole('navigation').getByRole('link', { name: '注册码' }).click();
  await page.getByLabel('工作站名称').fill('大洼村卫生室');
  await page.getByLabel('有效期（小时）').fill('24');
  await page.getByRole('button', { name: '生成注册码' }).click();
  const shown = page.getByTestId('enrollment-code');
  await expect(shown).toHaveText(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  const code = (await shown.textContent())!;
  await expect(page.getByText(/^有效期至 /)).toBeVisible();
  await expect(page.getByText('注册码只显示这一次')).toBeVisible();

  const codes = page.getByRole('table', { name: '已生成的注册码' });
  const codeRow = codes.getByRole('row').filter({ hasText: '大洼村卫生室' });
  await expect(codeRow).toContainText('未使用');
  await expect(codeRow).toContainText(ADMIN.username);

  await page.getByRole('button', { name: '我已记下' }).click();
  await expect(page.getByText(code)).toHaveCount(0);
  await page.reload();
  await expect(codeRow).toContainText('未使用');
  await expect(page.getByText(code)).toHaveCount(0);

  // A station enrolls with the code: the list says it was used.
  const station = await enrollStation(hub.url, code);
  expect(await pullStatus(hub.url, station.sign)).toBe(200);
  await page.getByRole('button', { name: '刷新' }).click();
  await expect(codeRow).toContainText('已使用');
  await expect(codeRow).toContainText(station.stationId);

  // Revoke it, confirming first; the hub then refuses the station.
  await page.getByRole('navigation').getByRole('link', { name: '工作站' }).click();
  const stationRow = page.getByRole('row').filter({ hasText: station.stationId });
  await expect(stationRow).toContainText('大洼村卫生室');
  await expect(stationRow).toContainText('已注册');
  await stationRow.getByRole('button', { name: '停用' }).click();
  const confirmation = page.getByRole('alertdialog');
  await expect(confirmation).toContainText('停用“大洼村卫生室”后');
  await confirmation.getByRole('button', { name: '取消' }).click();
  await expect(confirmation).toHaveCount(0);
  await expect(stationRow).toContainText('已注册');
  await stationRow.getByRole('button', { name: '停用' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: '确认停用' }).click();
  await expect(stationRow).toContainText('已停用');
  await expect(page.getByRole('status')).toHaveText('已停用“大洼村卫生室”。');
  await expect(stationRow.getByRole('button', { name: '停用' })).toHaveCount(0);
  expect(await pullStatus(hub.url, station.sign)).toBe(403);

  // English, kept across a reload.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: 'Stations' })).toBeVisible();
  await expect(stationRow).toContainText('Revoked');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Stations' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Enrollment codes' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Signing out returns to the sign-in form, and the old session no longer opens anything.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Hub console sign-in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Hub console sign-in' })).toBeVisible();

  expect(cspViolations).toEqual([]);
});
