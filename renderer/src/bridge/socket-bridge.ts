import { createClient } from '../../../contract/client.js';
import { stationContract } from '../../../contract/index.js';
import type { StationApi } from '../../../contract/index.js';
import { createSocketTransport, type SocketLike } from '../../../contract/socket-client.js';

const TOKEN_KEY = 'cunyi.launchToken';
/** Must match main/web/web-shell.ts SOCKET_PATH. */
const SOCKET_PATH = '/station-socket';

/**
 * Takes the launch token from the page URL (then removes it from the address bar, so it is not
 * left in history or screenshots) or from this tab's session storage after a reload.
 */
function takeToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** Browser mode: the same `window.station` the preload gives, carried over one WebSocket. */
export function installSocketBridge(onConnection: (up: boolean) => void): StationApi | null {
  const token = takeToken();
  if (!token) return null;
  const socketUrl = `ws://${window.location.host}${SOCKET_PATH}?token=${encodeURIComponent(token)}`;
  // The DOM WebSocket fits SocketLike at run time; its handler types are narrower than the interface.
  const transport = createSocketTransport(() => new WebSocket(socketUrl) as unknown as SocketLike, { onConnection });
  return createClient(stationContract, transport);
}
