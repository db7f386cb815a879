import type WebSocket from 'ws';
import { HUB_PROTOCOL_VERSION, StationToHub } from '../../contract/hub-wire.js';
import type { HubToStation } from '../../contract/hub-wire.js';
import type { Logger } from 'pino';
import type { HubDb } from './db.js';

function send(socket: WebSocket, message: HubToStation): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function refuse(socket: WebSocket, reason: Extract<HubToStation, { t: 'refused' }>['reason']): void {
  send(socket, { t: 'refused', reason });
  socket.close(1008, reason);
}

function parse(data: WebSocket.RawData, isBinary: boolean): StationToHub | null {
  if (isBinary) return null;
  try {
    const parsed = StationToHub.safeParse(JSON.parse(String(data)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * One station's socket. The only state kept is which station said hello on this connection;
 * everything else lives in the database, so any hub process can serve any station.
 * No authentication yet: enrollment with station keys comes with the sync issue.
 */
export function serveStation(socket: WebSocket, db: HubDb, hubVersion: string, logger: Logger): void {
  let stationId: string | null = null;
  let queue = Promise.resolve();

  socket.on('message', (data, isBinary) => {
    const message = parse(data, isBinary);
    // Handle messages one at a time, in order, so a ping cannot overtake its hello.
    queue = queue
      .then(async () => {
        if (message === null) return refuse(socket, 'malformed');
        if (message.t === 'hello') {
          if (message.protocol !== HUB_PROTOCOL_VERSION) return refuse(socket, 'protocol_unsupported');
          stationId = message.stationId;
          await db.query(
            `INSERT INTO stations (station_id, app_version, first_seen_at, last_seen_at) VALUES ($1, $2, now(), now())
           ON CONFLICT (station_id) DO UPDATE SET app_version = EXCLUDED.app_version, last_seen_at = now()`,
            [message.stationId, message.appVersion],
          );
          logger.info({ stationId }, 'station connected');
          return send(socket, { t: 'welcome', hubVersion, hubTime: new Date().toISOString() });
        }
        if (stationId === null) return refuse(socket, 'hello_expected');
        await db.query('UPDATE stations SET last_seen_at = now() WHERE station_id = $1', [stationId]);
        return send(socket, { t: 'pong', at: message.at, hubTime: new Date().toISOString() });
      })
      .catch((error: unknown) => {
        logger.error({ err: error instanceof Error ? error.message : String(error) }, 'station message failed');
        socket.close(1011);
      });
  });
}
