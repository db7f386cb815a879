import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow,
  Menu,
  MockWebContents,
  app,
  ipcMain,
  protocol,
  resetElectronMock,
  session,
  utilityProcess,
} from '../../test/mocks/electron.js';
import { runShell } from './shell.js';

vi.mock('electron', () => import('../../test/mocks/electron.js'));

const bundleDir = '/opt/cunyi/resources/app.asar/dist-electron';

beforeEach(() => {
  resetElectronMock();
  for (const name of ['CUNYI_DATA_DIR', 'CUNYI_HUB_URL', 'CUNYI_RENDERER_DIR', 'CUNYI_SQLITE_BINDING'])
    vi.stubEnv(name, undefined);
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function started(argv: string[] = ['electron', '.']): Promise<BrowserWindow> {
  runShell(bundleDir, argv);
  await app.becomeReady();
  expect(BrowserWindow.created).toHaveLength(1);
  return BrowserWindow.created[0]!;
}

describe('runShell', () => {
  it('quits at once as a second instance: no window, no core', async () => {
    app.lockAvailable = false;
    runShell(bundleDir, ['electron', '.']);
    await app.becomeReady();
    expect(app.quitCalls).toBe(1);
    expect(BrowserWindow.created).toEqual([]);
    expect(utilityProcess.forked).toEqual([]);
  });

  it('registers the app scheme before ready', () => {
    runShell(bundleDir, ['electron', '.']);
    expect(app.ready).toBe(false);
    expect(protocol.privileged.map((s) => s.scheme)).toEqual(['app']);
  });

  it('opens one window with the bundled preload, not a kiosk unless asked', async () => {
    const window = await started();
    expect(window.options).toMatchObject({ kiosk: false, fullscreen: false });
    expect((window.options.webPreferences as { preload: string }).preload).toBe(`${bundleDir}/preload.cjs`);
    expect(window.webContents.getURL()).toBe('app://station/index.html');
  });

  it('makes the window a fullscreen kiosk with --kiosk', async () => {
    const window = await started(['electron', '.', '--kiosk']);
    expect(window.options).toMatchObject({ kiosk: true, fullscreen: true });
  });

  it('starts the core in a utility process with the user data folder', async () => {
    await started();
    expect(utilityProcess.forked).toHaveLength(1);
    expect(utilityProcess.forked[0]!.modulePath).toBe(`${bundleDir}/core.cjs`);
    expect(utilityProcess.forked[0]!.posted[0]).toEqual({
      t: 'start',
      options: { dataDir: `${app.userData}/station`, hubUrl: null, appVersion: app.getVersion() },
    });
  });

  it('installs the protocol, the permission policy, the relay, and no menu', async () => {
    await started();
    expect(protocol.handlers.has('app')).toBe(true);
    expect(session.defaultSession.requestHandler).not.toBeNull();
    expect(session.defaultSession.checkHandler).not.toBeNull();
    expect(session.defaultSession.deviceHandler).not.toBeNull();
    expect(ipcMain.handlers.has('station.info')).toBe(true);
    expect(Menu.applicationMenu).toBeNull();
  });

  it('guards every webContents created, not only the window’s', async () => {
    await started();
    const popup = new MockWebContents();
    app.emit('web-contents-created', {}, popup);
    expect(popup.attempt('will-navigate', 'https://example.com/')).toBe(true);
    expect(popup.tryOpen('https://example.com/')).toBe('deny');
  });

  it('brings the window back when a second instance starts', async () => {
    const window = await started();
    window.minimize();
    app.emit('second-instance', {}, [], '/');
    expect(window.isMinimized()).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('quits when the window closes, and lets the core close before the app goes', async () => {
    const window = await started();
    window.close();
    expect(app.quitCalls).toBe(1);
    expect(ipcMain.registeredChannels()).toEqual([]);

    const core = utilityProcess.forked[0]!;
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    app.emit('will-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(core.posted.at(-1)).toEqual({ t: 'stop' });
    core.emit('exit', 0);
    await vi.waitFor(() => expect(app.quitCalls).toBe(2));
    const again = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    app.emit('will-quit', again);
    expect(again.defaultPrevented).toBe(false);
  });
});
