import { z } from 'zod';

/**
 * Messages between bench:devices and the processes it starts (the station, the ECG device),
 * over Node's IPC channel. Parsed on arrival: a child that prints something unexpected fails
 * the bench with a clear message instead of a wrong figure.
 */

/** What the station process says once it serves its page and socket. */
export const StationReady = z.object({ type: z.literal('ready'), url: z.string(), pid: z.number().int() });

/**
 * The simulated oximeter's side of the cable, for latency: when each live packet was handed
 * to the pty (Date.now(), one entry per packet in wire order) and the pleth it carried, plus
 * the simulator's own record of intact pleth samples sent.
 */
export const OximeterLog = z.object({
  type: z.literal('oximeter-log'),
  writtenAt: z.array(z.number()),
  writtenPleth: z.array(z.number().int()),
  sentPleth: z.array(z.number().int()),
});
export type OximeterLog = z.infer<typeof OximeterLog>;

export const StationMessage = z.discriminatedUnion('type', [StationReady, OximeterLog]);
export type StationMessage = z.infer<typeof StationMessage>;

/** Requests to the station process. */
export const StationRequest = z.object({ type: z.literal('oximeter-log') });
export type StationRequest = z.infer<typeof StationRequest>;

/** The ECG device process: ready with the recording it plays, and its counts once stopped. */
export const EcgDeviceReady = z.object({ type: z.literal('ready'), recording: z.string() });
export const EcgDeviceStopped = z.object({
  type: z.literal('stopped'),
  /** Sample packets put on the wire since the last `b`. */
  sent: z.number().int(),
  /** Packets produced since `b` (sent or deliberately lost; no faults are injected here). */
  produced: z.number().int(),
  lost: z.number().int(),
  /** How many times the station started the stream (more than once would reset `sent`). */
  starts: z.number().int(),
});
export const EcgDeviceMessage = z.discriminatedUnion('type', [EcgDeviceReady, EcgDeviceStopped]);
export type EcgDeviceMessage = z.infer<typeof EcgDeviceMessage>;

export const EcgDeviceRequest = z.object({ type: z.literal('stop') });
export type EcgDeviceRequest = z.infer<typeof EcgDeviceRequest>;
