// The Electron shell end to end, through Playwright's _electron. Electron's binary is not
// installed by default (package.json allowScripts skips its download), so this test is skipped,
// with the reason printed, wherever the binary is absent.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication } from '@playwright/test';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };

/**
 * Where `require('electron')` would point, without calling it: the electron package's index.js
 * starts a download when the binary is missing, and a test run must never reach the network.
 */
function electronExecutable(): string | null {
  const packageDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const executable = join(distDir, relative);
  return existsSync(executable) ? executable : null;
}

/** better-sqlite3 built for Electron's ABI (see main/electron/electron-config.ts). */
function electronSqliteAddon(): string | null {
  const candidate =
    process.env.CUNYI_SQLITE_BINDING ?? join(repoRoot, 'dist-electron', 'native', 'better_sqlite3.node');
  return existsSync(candidate) ? candidate : null;
}

const executable = electronExecutable();
const skipReason = executable
  ? electronSqliteAddon()
    ? null
    : 'better-sqlite3 built for Electron’s ABI absent; put it at dist-electron/native/better_sqlite3.node or set CUNYI_SQLITE_BINDING'
  : 'Electron binary absent (install skipped); run `npm run electron:fetch-binary` to enable';
if (skipReason) console.log(`electron.e2e.ts skipped: ${skipReason}`);

test.describe('Electron shell', () => {
  test.skip(skipReason !== null, skipReason ?? '');

  let app: ElectronApplication;
  let dataDir: string;

  test.beforeAll(async () => {
    // Imported here so a skipped run does not even load the bundler.
    const { ensureRendererBuilt } = await import('../../scripts/lib/renderer-build.js');
    const { buildElectron } = await import('../../scripts/build-electron.js');
    await ensureRendererBuilt();
    await buildElectron();
  });

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'cunyi-electron-e2e-'));
    app = await electron.launch({
      executablePath: executable ?? undefined,
      // The repository root: Electron reads package.json and starts its main, dist-electron/main.cjs.
      // Chromium refuses to run as root with its sandbox; CI containers run as root.
      args: [repoRoot, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
      cwd: repoRoot,
      env: { ...process.env, CUNYI_DATA_DIR: dataDir, CUNYI_LOG_LEVEL: 'warn' },
    });
  });

  // Playwright requires the object pattern even when a hook uses no fixture.
  // eslint-disable-next-line no-empty-pattern
  test.afterEach(async ({}, testInfo) => {
    if (testInfo.status !== testInfo.expectedStatus) {
      const window = await app.firstWindow().catch(() => null);
      if (window) await testInfo.attach('window.png', { body: await window.screenshot(), contentType: 'image/png' });
    }
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('opens one window on app://station showing the running core’s station id', async () => {
    const page = await app.firstWindow();
    expect(page.url()).toBe('app://station/index.html');
    await expect(page.getByTestId('station-id')).toHaveText(
      /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    );
    await expect(page.getByTestId('app-version')).toHaveText(pkg.version);
    await expect(page.getByTestId('database-path')).toHaveText(join(dataDir, 'station.db'));
    expect(app.windows()).toHaveLength(1);
  });

  test('the page has window.station and nothing of Node or Electron', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('station-id')).toBeVisible();
    const globals = await page.evaluate(() => ({
      station: typeof (window as unknown as { station?: unknown }).station,
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
    }));
    expect(globals).toEqual({
      station: 'object',
      require: 'undefined',
      process: 'undefined',
      ipcRenderer: 'undefined',
    });
  });

  test('a link, a redirect or window.open never replaces the app', async () => {
    const page = await app.firstWindow();
    await expect(page.getByTestId('station-id')).toBeVisible();
    await page.evaluate(() => {
      window.open('https://example.com/');
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toBe('app://station/index.html');
    expect(app.windows()).toHaveLength(1);
  });
});
