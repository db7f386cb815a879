import type { WebContents } from 'electron';
import { isAppUrl } from './app-origin.js';

interface NavigationEvent {
  readonly url: string;
  preventDefault(): void;
}

/** Cancels a navigation unless it stays on the app's own origin. */
function keepOnAppOrigin(event: NavigationEvent): void {
  if (!isAppUrl(event.url)) event.preventDefault();
}

/**
 * Keeps a page on app://station: a link, a redirect or a script can never replace the app with
 * another site, open a second window or attach a webview. Applied to every webContents created,
 * not only the main window's, so nothing slips past through a frame or a popup.
 */
export function guardNavigation(contents: WebContents): void {
  contents.on('will-navigate', keepOnAppOrigin);
  contents.on('will-redirect', keepOnAppOrigin);
  contents.on('will-frame-navigate', keepOnAppOrigin);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
