import { join } from 'node:path';
import { app, dialog, ipcMain, Menu, session } from 'electron';
import type { BrowserWindow } from 'electron';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { forkCore } from './core-host.js';
import type { CoreHost } from './core-host.js';
import { shellConfig } from './electron-config.js';
import { registerIpcRelay } from './ipc-relay.js';
import { guardNavigation } from './navigation.js';
import { applyPermissionPolicy } from './permissions.js';
import { createMainWindow } from './window.js';

/** Brings the one station window to the front (a second launch lands here). */
function focus(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** Everything that needs `ready`: the core, the protocol, the policies, the window, the relay. */
function openStation(bundleDir: string, kiosk: boolean): { window: BrowserWindow; core: CoreHost } {
  const config = shellConfig(process.env, {
    userDataDir: app.getPath('userData'),
    bundleDir,
    appVersion: app.getVersion(),
    packaged: app.isPackaged,
  });
  const core = forkCore(join(bundleDir, 'core.cjs'), config.core);
  void core.client.started.then((started) => {
    if (started.ok) console.log(`Station core ready: ${started.stationId}`);
    else console.error(`Station core failed to start: ${started.message}`);
  });
  // Calls made after this answer `disconnected`; the page shows it rather than hanging.
  void core.client.exited.then((code) => {
    if (code !== 0) console.error(`Station core exited unexpectedly (${code})`);
  });

  // No menu: in a kiosk the menu's accelerators (reload, devtools) are ways out of the app.
  Menu.setApplicationMenu(null);
  applyPermissionPolicy(session.defaultSession);
  serveAppProtocol(config.rendererDir);
  const window = createMainWindow(join(bundleDir, 'preload.cjs'), kiosk);
  const relay = registerIpcRelay({
    ipcMain,
    ownContents: window.webContents,
    core: core.client,
    onRefused: (channel, reason) => console.warn(`IPC refused on ${channel}: ${reason}`),
  });
  window.on('closed', () => {
    relay.dispose();
    app.quit();
  });
  return { window, core };
}

/**
 * Runs the Electron shell: one instance, one kiosk window, the core in a utility process.
 * `argv` decides kiosk mode (`--kiosk`).
 */
export function runShell(bundleDir: string, argv: readonly string[]): void {
  // Must happen before `ready`, and before the single-instance check is even needed.
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    // Another station window is open; it is focused by its 'second-instance' handler.
    app.quit();
    return;
  }
  const kiosk = argv.includes('--kiosk');
  let station: { window: BrowserWindow; core: CoreHost } | null = null;
  let quitting = false;

  app.on('second-instance', () => focus(station?.window ?? null));
  // Every webContents, not only the main window's: frames and popups get the same guard.
  app.on('web-contents-created', (_event, contents) => guardNavigation(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!station || quitting) return;
    // Let the core close its database before the app goes; then quit for real.
    event.preventDefault();
    quitting = true;
    void station.core.stop().finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      station = openStation(bundleDir, kiosk);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Cunyi Station',
        `The station could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
      app.exit(1);
    });
}
