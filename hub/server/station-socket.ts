import type { FastifyBaseLogger } from 'fastify';
import type WebSocket from 'ws';
import type { HubToStation, StationToHub } from '../../contract/hub-wire.js';
import type { HubBus } from './consults/bus.js';
import { activeCalls, relayFromStation } from './consults/signaling.js';
import type { HubDb } from './db.js';
import { readStationMessage } from './station-message.js';
import type { RefusalReason } from './station-message.js';
import { recordContact, recordHello } from './station-store.js';

/** WebSocket close code for a policy violation (RFC 6455 §7.4.1). */
const POLICY_VIOLATION = 1008;
/** WebSocket close code for an unexpected condition on the server. */
const INTERNAL_ERROR = 1011;

function send(socket: WebSocket, message: HubToStation): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

export interface StationSocketContext {
  db: HubDb;
  hubVersion: string;
  /** The station that signed the upgrade request: the only identity this socket may speak for. */
  stationId: string;
  log: FastifyBaseLogger;
  /** Live messages for this station: nudges to pull, call signaling. */
  bus: HubBus;
}

/**
 * Serves one authenticated station's socket. The only state kept is whether the station said
 * hello on this connection; everything else lives in the database, so any hub process can
 * serve any station, and a revocation made through any of them is seen at the next ping.
 */
export function serveStation(socket: WebSocket, context: StationSocketContext): void {
  const { db, hubVersion, stationId, log, bus } = context;
  let helloed = false;
  let unsubscribe = (): void => undefined;

  /** Tells the specialists on this station's calls that it came or went. */
  const announce = async (presence: 'joined' | 'left') => {
    for (const call of await activeCalls(db, { stationId }))
      bus.toConsole(call.accepted_by, { t: 'peer', consultId: call.consult_id, presence });
  };
  let finished = false;
  let queue = Promise.resolve();

  const refuse = (reason: RefusalReason): void => {
    finished = true;
    send(socket, { t: 'refused', reason });
    socket.close(POLICY_VIOLATION, reason);
    log.info({ stationId, reason }, 'station socket refused');
  };

  const handle = async (message: StationToHub): Promise<void> => {
    if (message.t === 'hello') {
      // One hello per connection: a second one would let a socket change identity mid-stream.
      if (helloed) return refuse('malformed');
      if (message.stationId !== stationId) return refuse('station_mismatch');
      if (!(await recordHello(db, stationId, message.appVersion))) return refuse('station_revoked');
      helloed = true;
      log.info({ stationId, appVersion: message.appVersion }, 'station connected');
      send(socket, { t: 'welcome', hubVersion, hubTime: new Date().toISOString() });
      unsubscribe = bus.onStation(stationId, (live) => send(socket, live));
      return announce('joined');
    }
    if (!helloed) return refuse('hello_expected');
    if (message.t === 'signal') {
      const refusal = await relayFromStation(db, bus, stationId, message.consultId, message.data);
      if (refusal) send(socket, { t: 'signal_refused', consultId: message.consultId, reason: refusal });
      return;
    }
    if (!(await recordContact(db, stationId))) return refuse('station_revoked');
    send(socket, { t: 'pong', at: message.at, hubTime: new Date().toISOString() });
  };

  socket.on('message', (data, isBinary) => {
    const read = readStationMessage(data, isBinary);
    // One message at a time, in order, so a ping cannot overtake its hello's database write.
    queue = queue.then(async () => {
      if (finished) return;
      if (!read.ok) return refuse(read.reason);
      try {
        await handle(read.message);
      } catch (error) {
        finished = true;
        log.error({ err: error, stationId }, 'station message failed');
        socket.close(INTERNAL_ERROR);
      }
    });
  });
  socket.on('close', (code) => {
    log.debug({ stationId, code }, 'station disconnected');
    unsubscribe();
    if (helloed) announce('left').catch((error: unknown) => log.warn({ err: error }, 'peer presence not announced'));
  });
}
