import { BrowserWindow } from 'electron';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';

/**
 * The renderer's web preferences: an isolated, sandboxed page with no Node, no webviews and no
 * relaxed web security. The preload is the page's only door to the station.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Options of the kiosk window; `kiosk` makes it fill the screen with no way out but closing. */
export function mainWindowOptions(preloadPath: string, kiosk: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    // Shown on ready-to-show, so a slow PC never flashes an empty white frame.
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: true,
    kiosk,
    fullscreen: kiosk,
    title: 'Cunyi Station',
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Creates the one station window and loads the app from app://station. */
export function createMainWindow(preloadPath: string, kiosk: boolean): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, kiosk));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
