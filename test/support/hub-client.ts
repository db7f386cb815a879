import WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, HubToStation } from '../../contract/hub-wire.js';
import type { StationToHub } from '../../contract/hub-wire.js';

/** A raw station socket for tests: sends anything, reads what the hub answers. */
export interface TestStationSocket {
  /** Objects are sent as JSON text; strings and buffers as they are (buffers as binary). */
  send(data: StationToHub | Record<string, unknown> | string | Buffer): void;
  /** The next message from the hub, checked against the contract. */
  next(timeoutMs?: number): Promise<HubToStation>;
  /** Resolves when the hub closes the socket, with the close code and every message received. */
  readonly closed: Promise<{ code: number; reason: string; messages: HubToStation[] }>;
  close(): void;
}

const socketUrl = (baseUrl: string): URL => new URL('/ws/station', baseUrl.replace(/^http/, 'ws'));

/**
 * Opens `/ws/station` on the hub at `baseUrl` (http://host:port), sending `headers` with the
 * upgrade (a station's signature: see test-station.ts). Rejects when the upgrade is refused.
 */
export async function openStationSocket(
  baseUrl: string,
  options: { headers?: Record<string, string> } = {},
): Promise<TestStationSocket> {
  const ws = new WebSocket(socketUrl(baseUrl), { headers: options.headers ?? {} });
  const received: HubToStation[] = [];
  let read = 0;
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    received.push(HubToStation.parse(JSON.parse(String(data))));
    waiters.splice(0).forEach((wake) => wake());
  });
  const closed = new Promise<{ code: number; reason: string; messages: HubToStation[] }>((resolve) =>
    ws.once('close', (code, reason) => {
      resolve({ code, reason: reason.toString(), messages: received });
      waiters.splice(0).forEach((wake) => wake());
    }),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.on('error', () => undefined);

  async function next(timeoutMs = 5000): Promise<HubToStation> {
    const deadline = Date.now() + timeoutMs;
    while (read >= received.length) {
      if (ws.readyState === WebSocket.CLOSED) throw new Error('the hub closed the socket without answering');
      if (Date.now() > deadline) throw new Error(`no message from the hub within ${timeoutMs} ms`);
      await new Promise<void>((wake) => {
        waiters.push(wake);
        setTimeout(wake, 50);
      });
    }
    return received[read++]!;
  }

  return {
    send(data) {
      if (typeof data === 'string' || Buffer.isBuffer(data)) ws.send(data);
      else ws.send(JSON.stringify(data));
    },
    next,
    closed,
    close: () => ws.close(),
  };
}

/** A valid hello for `stationId`. */
export function helloFrom(stationId: string, appVersion = '0.1.0'): StationToHub {
  return { t: 'hello', protocol: HUB_PROTOCOL_VERSION, stationId, appVersion };
}

/**
 * Tries an upgrade of `/ws/station` that the hub should refuse: resolves with the HTTP status
 * and body it answered; rejects if a socket opened after all.
 */
export async function refusedUpgrade(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const ws = new WebSocket(socketUrl(baseUrl), { headers });
  return new Promise((resolve, reject) => {
    ws.once('open', () => {
      ws.close();
      reject(new Error('the hub opened the socket'));
    });
    ws.once('error', reject);
    ws.once('unexpected-response', (_request, response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.once('end', () => {
        ws.on('error', () => undefined);
        ws.terminate();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
      });
    });
  });
}
