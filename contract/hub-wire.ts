import { z } from 'zod';

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
]);
export type StationToHub = z.infer<typeof StationToHub>;

/** Messages the hub sends back. */
export const HubToStation = z.discriminatedUnion('t', [
  z.object({ t: z.literal('welcome'), hubVersion: z.string(), hubTime: IsoTime }),
  z.object({ t: z.literal('pong'), at: IsoTime, hubTime: IsoTime }),
  z.object({
    t: z.literal('refused'),
    reason: z.enum(['malformed', 'protocol_unsupported', 'hello_expected', 'station_mismatch', 'station_revoked']),
  }),
]);
export type HubToStation = z.infer<typeof HubToStation>;

/** Largest message either side reads on the station socket. */
export const HUB_MAX_MESSAGE_BYTES = 256 * 1024;
