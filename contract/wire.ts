import { z } from 'zod';
import { StationErrorShape } from './errors.js';

/** The outcome of one call as it crosses a process boundary. */
export type Result<T = unknown> = { ok: true; value: T } | { ok: false; error: StationErrorShape };

export const ResultShape = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: StationErrorShape }),
]);

const Channel = z.string().min(1).max(128);
const RequestId = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** Messages a client sends over the browser-mode socket. */
export const ClientMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('call'), id: RequestId, channel: Channel, input: z.unknown() }),
  z.object({ t: z.literal('subscribe'), id: RequestId, channel: Channel, input: z.unknown() }),
  z.object({ t: z.literal('unsubscribe'), id: RequestId }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

/** Messages the core sends back. `id` is null only when the request itself could not be read. */
export const ServerMessage = z.discriminatedUnion('t', [
  z.object({ t: z.literal('result'), id: RequestId.nullable(), result: ResultShape }),
  z.object({ t: z.literal('event'), id: RequestId, value: z.unknown() }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

/** Largest socket message the core reads; anything bigger is refused unread. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
