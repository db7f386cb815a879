import type { Session } from 'electron';
import { isAppUrl } from './app-origin.js';

const CAPTURE_TYPES: ReadonlySet<string> = new Set(['video', 'audio']);

interface MediaRequestDetails {
  readonly requestingUrl?: string;
  readonly isMainFrame?: boolean;
  readonly mediaTypes?: readonly string[];
  readonly securityOrigin?: string;
}

/**
 * Whether a permission request may be granted: only camera and microphone ('media' with
 * video/audio, never screen capture), only for the app's own top frame. Everything else —
 * notifications, geolocation, USB, HID, serial, clipboard… — is refused; devices are the core's
 * business, not the page's.
 */
export function allowPermissionRequest(permission: string, details: MediaRequestDetails): boolean {
  if (permission !== 'media' || details.isMainFrame !== true || !isAppUrl(details.requestingUrl)) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  const types = details.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => CAPTURE_TYPES.has(type));
}

/** Whether a synchronous permission check may pass; the same rule as requests. */
export function allowPermissionCheck(permission: string, requestingOrigin: string, mediaType?: string): boolean {
  return (
    permission === 'media' && isAppUrl(requestingOrigin) && mediaType !== undefined && CAPTURE_TYPES.has(mediaType)
  );
}

/** Installs deny-by-default permission handlers on a session. */
export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(allowPermissionRequest(permission, details));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermissionCheck(permission, requestingOrigin, details.mediaType),
  );
  // WebUSB/WebHID/Web Serial device grants: the page never gets a device handle.
  session.setDevicePermissionHandler(() => false);
}
