import { z } from 'zod';

const Id = z.uuid();
const IsoTime = z.iso.datetime({ offset: true });

/** Specialties a station can ask for; `general` is general medicine, where routing widens to. */
export const Specialty = z.enum(['cardiology', 'neurology', 'endocrinology', 'respiratory', 'paediatrics', 'general']);
export type Specialty = z.infer<typeof Specialty>;

/** How soon the station needs an answer; the queue orders by this, then by waiting time. */
export const Urgency = z.enum(['routine', 'urgent', 'emergency']);
export type Urgency = z.infer<typeof Urgency>;

/** Queue order: most urgent first. */
export const URGENCY_RANK: Record<Urgency, number> = { emergency: 0, urgent: 1, routine: 2 };

/**
 * Where a consult stands: `waiting` for a specialist, `accepted` by one, `calling` (the
 * specialist is ready and the station is asked to join), `in_call`, `answered` (the note has
 * arrived), `cancelled` by the station.
 */
export const ConsultState = z.enum(['waiting', 'accepted', 'calling', 'in_call', 'answered', 'cancelled']);
export type ConsultState = z.infer<typeof ConsultState>;

export const QUESTION_MAX = 500;

/** Most photos one consult request carries. */
export const MAX_PHOTOS = 4;
/** Largest photo the station keeps (bytes as stored): a record body holds at most 1 MB. */
export const MAX_PHOTO_BYTES = 600 * 1024;
const PHOTO_BASE64 = Math.ceil(MAX_PHOTO_BYTES / 3) * 4;

/** A photo for a consult (a wound, a rash, a document), as a JPEG or PNG in base64. */
export const ConsultPhotoInput = z
  .object({
    visitId: Id,
    contentType: z.enum(['image/jpeg', 'image/png']),
    data: z
      .string()
      .max(PHOTO_BASE64, 'the photo is too large')
      .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'not base64'),
    title: z.string().trim().max(200).optional(),
  })
  .strict();
export type ConsultPhotoInput = z.infer<typeof ConsultPhotoInput>;

/** What the village doctor asks for, from an open visit. */
export const ConsultRequestInput = z
  .object({
    visitId: Id,
    specialty: Specialty,
    urgency: Urgency,
    question: z.string().trim().min(1).max(QUESTION_MAX),
    /** Attach the patient's latest vital signs (each kind's newest reading, from any visit). */
    attachVitals: z.boolean(),
    /** An ECG strip (Observation id) of this patient to attach. */
    ecgObservationId: Id.nullable(),
    /** Photos taken for this consult (Media ids from `consults.addPhoto`). */
    photoIds: z.array(Id).max(MAX_PHOTOS).default([]),
  })
  .strict();
export type ConsultRequestInput = z.infer<typeof ConsultRequestInput>;

const NoteText = z.string().trim().max(4000);

/** The specialist's consult note: it reaches the station's record as a Communication. */
export const ConsultNote = z
  .object({
    assessment: NoteText.min(1),
    advice: NoteText.min(1),
    followUp: NoteText,
  })
  .strict();
export type ConsultNote = z.infer<typeof ConsultNote>;

/** A rung of the call's quality ladder (renderer/components/call/ladder.ts). */
export const CallMode = z.enum(['v360p15', 'v270p15', 'v180p12', 'v180p8', 'audio']);
export type CallMode = z.infer<typeof CallMode>;

/** One step the call took, for the consult's history. */
export const CallStep = z.object({
  at: IsoTime,
  from: CallMode,
  to: CallMode,
  reason: z.string().max(200),
});
export type CallStep = z.infer<typeof CallStep>;

/** One call of a consult as this side saw it (no media is ever recorded). */
export const CallRecord = z.object({
  callId: Id,
  startedAt: IsoTime,
  endedAt: IsoTime.nullable(),
  durationSeconds: z.number().nonnegative().nullable(),
  steps: z.array(CallStep),
});
export type CallRecord = z.infer<typeof CallRecord>;

/** A consult as the station shows it. */
export const ConsultSummary = z.object({
  consultId: Id,
  patientId: Id,
  visitId: Id,
  specialty: Specialty,
  urgency: Urgency,
  question: z.string(),
  state: ConsultState,
  requestedAt: IsoTime,
  /** Set when nobody took it in time and the hub widened it to general medicine. */
  widenedAt: IsoTime.nullable(),
  specialist: z.object({ name: z.string() }).nullable(),
  acceptedAt: IsoTime.nullable(),
  /** When the specialist last asked the station to join the call. */
  callingAt: IsoTime.nullable(),
  answeredAt: IsoTime.nullable(),
  note: ConsultNote.nullable(),
  /** The synced state: false until the hub has the request. */
  delivered: z.boolean(),
  calls: z.array(CallRecord),
});
export type ConsultSummary = z.infer<typeof ConsultSummary>;
