import WebSocket from 'ws';
import { createClient } from '../../../contract/client.js';
import { stationContract } from '../../../contract/index.js';
import type { StationApi } from '../../../contract/index.js';
import { createSocketTransport } from '../../../contract/socket-client.js';
import type { SocketLike } from '../../../contract/socket-client.js';
import { DEMO_DOCTOR_ID } from '../../../main/core.js';
import { SOCKET_PATH } from '../../../main/web/web-shell.js';

/**
 * `window.station` as the renderer has it in browser mode, from Node: the contract's client
 * over the station's token-protected WebSocket, presenting the page's own origin as Chromium
 * would. Every call and event goes through the same envelope and zod parsing as the page's.
 */
export function connectStation(pageUrl: string): { api: StationApi; close(): void } {
  const page = new URL(pageUrl);
  const token = page.searchParams.get('token') ?? '';
  const socketUrl = `ws://${page.host}${SOCKET_PATH}?token=${encodeURIComponent(token)}`;
  // ws's WebSocket fits SocketLike at run time; its handler types are narrower than the interface.
  const transport = createSocketTransport(
    () => new WebSocket(socketUrl, { headers: { Origin: page.origin } }) as unknown as SocketLike,
  );
  const api = createClient(stationContract, transport, (channel, error) =>
    process.stderr.write(`subscription ${channel} failed: ${error.code}\n`),
  );
  return { api, close: () => transport.close() };
}

/** Signs the demo doctor in, as the PIN pad does. */
export async function signInDemoDoctor(api: StationApi, pin: string): Promise<void> {
  await api.auth.signIn({ userId: DEMO_DOCTOR_ID, pin });
}
