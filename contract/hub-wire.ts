import { z } from 'zod';
import { PeerPresence, SignalData } from './consults/signal.js';

/** Version of the station ↔ hub socket protocol; the hub refuses versions it does not speak. */
export const HUB_PROTOCOL_VERSION = 1;

const IsoTime = z.iso.datetime({ offset: true });

/** `GET /health` on the hub. */
export const HubHealth = z.object({
  status: z.literal('ok'),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  schemaVersion: z.number().int().nonnegative(),
  time: IsoTime,
});
export type HubHealth = z.infer<typeof HubHealth>;

/**
 * Messages a station sends on the hub's station socket (`/ws/station`). The upgrade request is
 * signed like a sync request (sync/signing.ts), so the hub knows the station before any message.
 */
export const StationToHub = z.discriminatedUnion('t', [
  z.object({
    t: z.literal('hello'),
    protocol: z.number().int(),
    stationId: z.uuid(),
    appVersion: z.string().max(64),
  }),
  z.object({ t: z.literal('ping'), at: IsoTime }),
  /** Call signaling for one of the station's consults, for the specialist who took it. */
  z.object({ t: z.literal('signal'), consultId: z.uuid(), data: SignalData }),
]);
export type StationToHub = z.infer<typeof StationToHub>;

/** Messages the hub sends back. */
export const HubToStation = z.discriminatedUnion('t', [
  z.object({ t: z.literal('welcome'), hubVersion: z.string(), hubTime: IsoTime }),
  z.object({ t: z.literal('pong'), at: IsoTime, hubTime: IsoTime }),
  /** Something waits for the station: pull now instead of at the next round. */
  z.object({ t: z.literal('nudge') }),
  /** Call signaling from the specialist on one of the station's consults. */
  z.object({ t: z.literal('signal'), consultId: z.uuid(), data: SignalData }),
  /** A signal the hub did not pass on: the consult is not this station's, or has no call now. */
  z.object({ t: z.literal('signal_refused'), consultId: z.uuid(), reason: z.enum(['not_found', 'no_call']) }),
  /** The specialist's console joined or left a consult's call. */
  z.object({ t: z.literal('peer'), consultId: z.uuid(), presence: PeerPresence }),
  z.object({
    t: z.literal('refused'),
    reason: z.enum(['malformed', 'protocol_unsupported', 'hello_expected', 'station_mismatch', 'station_revoked']),
  }),
]);
export type HubToStation = z.infer<typeof HubToStation>;

/** Largest message either side reads on the station socket. */
export const HUB_MAX_MESSAGE_BYTES = 256 * 1024;
