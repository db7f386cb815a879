import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrowserWindow as MockWindow, resetElectronMock } from '../../test/mocks/electron.js';
import { createMainWindow, mainWindowOptions, secureWebPreferences } from './window.js';

vi.mock('electron', () => import('../../test/mocks/electron.js'));

beforeEach(() => resetElectronMock());

describe('the station window', () => {
  it('isolates and sandboxes the page, with Node nowhere in reach', () => {
    expect(secureWebPreferences('/app/dist-electron/preload.cjs')).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
    });
  });

  it('never turns on a preference that weakens isolation', () => {
    const prefs = secureWebPreferences('/p.cjs') as Record<string, unknown>;
    for (const risky of ['enableBlinkFeatures', 'additionalArguments', 'partition', 'session']) {
      expect(prefs[risky]).toBeUndefined();
    }
  });

  it('is a kiosk and fullscreen only when asked', () => {
    expect(mainWindowOptions('/p.cjs', true)).toMatchObject({ kiosk: true, fullscreen: true });
    expect(mainWindowOptions('/p.cjs', false)).toMatchObject({ kiosk: false, fullscreen: false });
  });

  it('creates one window with those options, loads app://station and shows it when ready', () => {
    const window = createMainWindow('/app/dist-electron/preload.cjs', true) as unknown as MockWindow;
    expect(MockWindow.created).toHaveLength(1);
    expect(window.options).toEqual(mainWindowOptions('/app/dist-electron/preload.cjs', true));
    expect(window.webContents.getURL()).toBe('app://station/index.html');
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });
});
