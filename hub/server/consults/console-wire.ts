import { z } from 'zod';
import { CallMode, ConsultNote, ConsultState, Specialty, Urgency } from '../../../contract/consults/consult.js';
import { IceConfig, PeerPresence, SignalData } from '../../../contract/consults/signal.js';
import { VitalReading } from '../../../contract/records/visit.js';

// The specialist console's API shapes, shared by the hub and the console page (which bundles
// this file): zod only, no Node built-in, no server code.

/** Where the specialist API lives on the hub. */
export const CONSOLE_API_PREFIX = '/api/console';
/** The console's WebSocket: queue changes, ringing and call signaling. */
export const CONSOLE_SOCKET_PATH = '/ws/console';

/** Who is signed in to the console, and what she may do there. */
export const ConsoleMe = z.object({
  username: z.string(),
  isAdmin: z.boolean(),
  specialist: z.object({ displayName: z.string(), specialty: Specialty, available: z.boolean() }).nullable(),
  expiresAt: z.iso.datetime(),
});
export type ConsoleMe = z.infer<typeof ConsoleMe>;

export const SetAvailability = z.strictObject({ available: z.boolean() });

const Sex = z.enum(['male', 'female', 'other', 'unknown']);

/** A consult in a specialist's queue. */
export const QueueEntry = z.object({
  consultId: z.uuid(),
  stationName: z.string().nullable(),
  patient: z.object({ name: z.string().nullable(), sex: Sex, ageYears: z.number().int().nullable() }),
  specialty: Specialty,
  routedSpecialty: Specialty,
  urgency: Urgency,
  question: z.string(),
  state: ConsultState,
  requestedAt: z.iso.datetime(),
  widenedAt: z.iso.datetime().nullable(),
  acceptedBy: z.object({ username: z.string(), name: z.string() }).nullable(),
  /** Accepted by the signed-in specialist. */
  mine: z.boolean(),
});
export type QueueEntry = z.infer<typeof QueueEntry>;

/** Open consults the signed-in specialist may take or has taken: urgency first, then oldest. */
export const Queue = z.object({ consults: z.array(QueueEntry) });
export type Queue = z.infer<typeof Queue>;

/** A recorded ECG strip, lead by lead, in its unit; null marks a sample that never arrived. */
export const EcgStrip = z.object({
  observationId: z.uuid(),
  recordedAt: z.iso.datetime({ offset: true }),
  sampleRate: z.number().positive(),
  unit: z.string(),
  leads: z.array(z.object({ name: z.string(), samples: z.array(z.number().nullable()) })),
});
export type EcgStrip = z.infer<typeof EcgStrip>;

/** What the specialist needs to know about the patient, from the records the station synced. */
export const PatientSummary = z.object({
  name: z.string().nullable(),
  sex: Sex,
  birthDate: z.string().nullable(),
  ageYears: z.number().int().nullable(),
  village: z.string().nullable(),
  conditions: z.array(z.object({ code: z.string().nullable(), text: z.string() })),
  /** Vital signs, oldest first: enough for a trend per kind. */
  vitals: z.array(VitalReading),
  ecg: EcgStrip.nullable(),
  /** Photos the consult request attached, bytes as the station took them (base64). */
  photos: z.array(
    z.object({
      mediaId: z.uuid(),
      contentType: z.enum(['image/jpeg', 'image/png']),
      data: z.string(),
      takenAt: z.string().nullable(),
      title: z.string().nullable(),
    }),
  ),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

export const ConsultDetail = QueueEntry.extend({
  patientId: z.uuid(),
  summary: PatientSummary,
  note: ConsultNote.nullable(),
  answeredAt: z.iso.datetime().nullable(),
});
export type ConsultDetail = z.infer<typeof ConsultDetail>;

export const ConsultIdParams = z.strictObject({ consultId: z.uuid() });

/** A call's start, quality step or end, as the console saw it. */
export const ConsoleCallReport = z.discriminatedUnion('event', [
  z.strictObject({ event: z.literal('started'), callId: z.uuid(), mode: CallMode }),
  z.strictObject({
    event: z.literal('step'),
    callId: z.uuid(),
    from: CallMode,
    to: CallMode,
    reason: z.string().max(200),
  }),
  z.strictObject({ event: z.literal('ended'), callId: z.uuid() }),
]);
export type ConsoleCallReport = z.infer<typeof ConsoleCallReport>;

export { IceConfig };

/** Messages the console sends on its socket. */
export const ConsoleToHub = z.discriminatedUnion('t', [
  z.object({ t: z.literal('signal'), consultId: z.uuid(), data: SignalData }),
  z.object({ t: z.literal('ping') }),
]);
export type ConsoleToHub = z.infer<typeof ConsoleToHub>;

/** Messages the hub sends to a console. */
export const HubToConsole = z.discriminatedUnion('t', [
  /** The queue changed: fetch it again. */
  z.object({ t: z.literal('queue') }),
  /** A new consult for the specialist's specialty: ring (emergency rings every available one). */
  z.object({ t: z.literal('ring'), consultId: z.uuid(), urgency: Urgency }),
  /** One consult changed (accepted elsewhere, cancelled, answered). */
  z.object({ t: z.literal('consult'), consultId: z.uuid() }),
  z.object({ t: z.literal('signal'), consultId: z.uuid(), data: SignalData }),
  /** The station joined or left the consult's call. */
  z.object({ t: z.literal('peer'), consultId: z.uuid(), presence: PeerPresence }),
  z.object({ t: z.literal('signal_refused'), consultId: z.uuid(), reason: z.enum(['not_found', 'no_call']) }),
  z.object({ t: z.literal('pong') }),
]);
export type HubToConsole = z.infer<typeof HubToConsole>;
