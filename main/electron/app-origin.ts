/** The privileged scheme the renderer is served from. */
export const APP_SCHEME = 'app';
/** The only host of that scheme; any other host is not the app. */
export const APP_HOST = 'station';
/** The app's own origin, as Chromium serializes it for a standard scheme. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the kiosk window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True when `url` belongs to the app's own origin. Node's URL reports `origin` as "null" for
 * custom schemes, so scheme, host, port and credentials are compared one by one; anything
 * unusual (a port, a user name, another host) is treated as foreign.
 */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === ''
  );
}
