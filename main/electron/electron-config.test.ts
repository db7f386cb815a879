import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shellConfig } from './electron-config.js';

const base = mkdtempSync(join(tmpdir(), 'cunyi-shell-config-'));
const bundleDir = join(base, 'dist-electron');
const place = { userDataDir: join(base, 'user-data'), bundleDir, appVersion: '1.2.3', packaged: false };

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('shellConfig', () => {
  it('keeps data in the user data folder and finds the renderer next to the bundles by default', () => {
    expect(shellConfig({}, place)).toEqual({
      core: { dataDir: join(base, 'user-data', 'station'), hubUrl: null, appVersion: '1.2.3' },
      rendererDir: join(base, 'dist', 'renderer'),
    });
  });

  it('takes the data folder, hub, renderer and SQLite addon from the environment', () => {
    const config = shellConfig(
      {
        CUNYI_DATA_DIR: join(base, 'data'),
        CUNYI_HUB_URL: 'https://hub.example.cn',
        CUNYI_RENDERER_DIR: join(base, 'r'),
        CUNYI_SQLITE_BINDING: join(base, 'sqlite.node'),
      },
      place,
    );
    expect(config).toEqual({
      core: {
        dataDir: join(base, 'data'),
        hubUrl: 'https://hub.example.cn',
        appVersion: '1.2.3',
        nativeBinding: join(base, 'sqlite.node'),
      },
      rendererDir: join(base, 'r'),
    });
  });

  it('refuses a hub URL that is not http(s), naming the variable', () => {
    expect(() => shellConfig({ CUNYI_HUB_URL: 'file:///etc/passwd' }, place)).toThrow(/CUNYI_HUB_URL/);
    expect(() => shellConfig({ CUNYI_HUB_URL: 'not a url' }, place)).toThrow(/CUNYI_HUB_URL/);
  });

  it('uses the development Electron-ABI addon when present, but never in a packaged build', () => {
    const addon = join(bundleDir, 'native', 'better_sqlite3.node');
    mkdirSync(join(bundleDir, 'native'), { recursive: true });
    writeFileSync(addon, '');
    expect(shellConfig({}, place).core.nativeBinding).toBe(addon);
    expect(shellConfig({}, { ...place, packaged: true }).core.nativeBinding).toBeUndefined();
  });
});
