import { z } from 'zod';
import { call, subscription } from '../define.js';
import { NoInput } from '../station.js';
import { CallMode, CallRecord, ConsultPhotoInput, ConsultRequestInput, ConsultSummary } from './consult.js';
import { IceConfig, PeerPresence, SignalData } from './signal.js';

const Id = z.uuid();
const ConsultRef = z.object({ consultId: Id }).strict();

/** What a call page hears from the core about its consult's call. */
export const CallEvent = z.discriminatedUnion('type', [
  /** Signaling from the specialist's side. */
  z.object({ type: z.literal('signal'), data: SignalData }),
  /** The specialist's console joined or left the call. */
  z.object({ type: z.literal('peer'), presence: PeerPresence }),
  /** The hub link went down or came back: signaling waits for it. */
  z.object({ type: z.literal('hub'), online: z.boolean() }),
]);
export type CallEvent = z.infer<typeof CallEvent>;

/** What the call page reports for the consult's history. */
export const CallReport = z.discriminatedUnion('event', [
  z.object({ event: z.literal('started'), consultId: Id, callId: Id, mode: CallMode }).strict(),
  z
    .object({
      event: z.literal('step'),
      consultId: Id,
      callId: Id,
      from: CallMode,
      to: CallMode,
      reason: z.string().max(200),
    })
    .strict(),
  z.object({ event: z.literal('ended'), consultId: Id, callId: Id }).strict(),
]);
export type CallReport = z.infer<typeof CallReport>;

export const consultsDomain = {
  /** Keeps a photo in an open visit (a FHIR Media record) for a consult request to attach. */
  addPhoto: call(ConsultPhotoInput, z.object({ photoId: Id })),
  /** Asks for a consult from an open visit: a ServiceRequest sent on the consult lane. */
  request: call(ConsultRequestInput, ConsultSummary),
  /** A patient's consults, newest first. */
  list: call(z.object({ patientId: Id }).strict(), z.array(ConsultSummary)),
  /** Consults not finished yet (waiting, accepted, calling, in call), oldest first. */
  open: call(NoInput, z.array(ConsultSummary)),
  get: call(ConsultRef, ConsultSummary),
  /** Withdraws a consult nobody has answered. */
  cancel: call(ConsultRef, ConsultSummary),
  /** Every change to any consult, as it happens (for the "specialist ready" alert). */
  changes: subscription(NoInput, ConsultSummary),
  /** ICE servers for the consult's call, from the hub (short-lived TURN credentials). */
  iceConfig: call(ConsultRef, IceConfig),
  /** Sends signaling to the specialist's side through the hub. */
  signal: call(z.object({ consultId: Id, data: SignalData }).strict(), z.object({})),
  /** Signaling and presence from the specialist's side, for one consult. */
  callEvents: subscription(ConsultRef, CallEvent),
  /** Records a call's start, quality steps and end in the consult's history. */
  report: call(CallReport, CallRecord),
} as const;
