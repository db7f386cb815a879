import { z } from 'zod';

/**
 * The station ↔ hub sync protocol over HTTP(S). Every request is signed (see signing.ts).
 * Push and pull bodies are JSON, compressed with Brotli (`Content-Encoding: br`) when sent
 * by the station; the hub answers compressed when the station accepts it.
 */
export const SYNC_PATHS = {
  enroll: '/api/enroll',
  push: '/api/sync/push',
  pull: '/api/sync/pull',
  uploads: '/api/uploads/',
  /** ICE servers for one of the station's consult calls: `GET ?consult=<id>`. */
  callIce: '/api/calls/ice',
} as const;

export const SYNC_CONTENT_TYPE = 'application/json';

/** Largest push body on the wire (compressed). */
export const MAX_PUSH_WIRE_BYTES = 4 * 1024 * 1024;
/** Largest push body once decompressed: refuses decompression bombs. */
export const MAX_PUSH_JSON_BYTES = 24 * 1024 * 1024;
/** Most records in one push. */
export const MAX_PUSH_RECORDS = 2000;
/** Largest record body (the station's own limit on a record). */
export const MAX_RECORD_BODY_BYTES = 1024 * 1024;
/**
 * A record whose body is larger than this travels as a resumable upload (tus) of its body,
 * Brotli-compressed, and the push names the upload instead of carrying the body.
 */
export const LARGE_BODY_BYTES = 64 * 1024;
/** Media type of such an upload. */
export const RECORD_BODY_MEDIA_TYPE = 'application/vnd.cunyi.record-body+br';
/** Most items one pull returns. */
export const MAX_PULL_ITEMS = 500;

const IsoTime = z.iso.datetime({ offset: true });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const Lane = z.enum(['emergency', 'consult', 'routine']);
export type Lane = z.infer<typeof Lane>;

/** Record types the hub accepts from a station. */
export const SyncRecordType = z.enum([
  'Patient',
  'Encounter',
  'Observation',
  'Condition',
  'AllergyIntolerance',
  'Consent',
  'Provenance',
  'ServiceRequest',
  'Communication',
  'ClinicalImpression',
  'MedicationRequest',
  'Media',
]);
export type SyncRecordType = z.infer<typeof SyncRecordType>;

/** A large payload a record refers to, uploaded beforehand with tus. */
export const PayloadRef = z.object({
  uploadId: z.string().regex(/^[A-Za-z0-9_-]{8,128}$/),
  sha256: Sha256,
  size: z.number().int().positive(),
});
export type PayloadRef = z.infer<typeof PayloadRef>;

/**
 * One record version as pushed. `body` is the stored FHIR JSON text, byte for byte; with
 * `bodyInPayload` it is empty and the body is the (decompressed) upload `payload` names.
 */
export const PushRecord = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  type: z.string().max(64),
  patientId: z.uuid(),
  encounterId: z.uuid().nullable(),
  status: z.string().max(64),
  recordedAt: IsoTime,
  recordedBy: z.string().max(64),
  lane: Lane,
  body: z.string().max(MAX_RECORD_BODY_BYTES),
  payload: PayloadRef.optional(),
  bodyInPayload: z.literal(true).optional(),
});
export type PushRecord = z.infer<typeof PushRecord>;

export const PushRequest = z.object({ records: z.array(PushRecord).min(1).max(MAX_PUSH_RECORDS) }).strict();
export type PushRequest = z.infer<typeof PushRequest>;

/** Why the hub refused one record; it will refuse it again, so the station sets it aside. */
export const RejectReason = z.enum([
  'unknown_type',
  'invalid_fhir',
  'version_conflict',
  'foreign_record',
  'payload_mismatch',
]);
export type RejectReason = z.infer<typeof RejectReason>;

/**
 * The hub's answer for one record, in the order pushed. `pending` means not applied yet and
 * worth sending again later (its payload has not finished uploading).
 */
export const PushResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('applied') }),
  z.object({ outcome: z.literal('duplicate') }),
  z.object({ outcome: z.literal('pending'), reason: z.literal('payload_incomplete') }),
  z.object({ outcome: z.literal('rejected'), reason: RejectReason, detail: z.string().max(500) }),
]);
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult), hubTime: IsoTime });
export type PushResponse = z.infer<typeof PushResponse>;

/** Something the hub holds for a station, in the station's pull order. */
export const PullItem = z.object({
  seq: z.number().int().positive(),
  kind: z.enum(['demographics', 'record', 'consult']),
  itemId: z.uuid(),
  payload: z.unknown(),
  createdAt: IsoTime,
});
export type PullItem = z.infer<typeof PullItem>;

export const PullResponse = z.object({
  items: z.array(PullItem).max(MAX_PULL_ITEMS),
  /** The cursor to ask from next time: the last item's seq, or the one asked from. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  hubTime: IsoTime,
});
export type PullResponse = z.infer<typeof PullResponse>;

/** Public key as url-safe base64 of the raw 32-byte Ed25519 key. */
export const PublicKeyText = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

export const EnrollRequest = z
  .object({
    code: z.string().trim().min(8).max(64),
    stationId: z.uuid(),
    publicKey: PublicKeyText,
    appVersion: z.string().max(64),
  })
  .strict();
export type EnrollRequest = z.infer<typeof EnrollRequest>;

export const EnrollResponse = z.object({ stationId: z.uuid(), name: z.string(), hubTime: IsoTime });
export type EnrollResponse = z.infer<typeof EnrollResponse>;

/** Why the hub refused a request as a whole, with the HTTP status it comes with. */
export const HUB_REFUSALS = {
  malformed: 400,
  signature_missing: 401,
  signature_invalid: 401,
  station_unknown: 401,
  clock_skew: 401,
  enrollment_code_invalid: 403,
  station_revoked: 403,
  not_found: 404,
  nonce_replayed: 409,
  station_already_enrolled: 409,
  too_large: 413,
  unsupported_encoding: 415,
} as const;
export type HubRefusal = keyof typeof HUB_REFUSALS;

export const HubRefusalBody = z.object({
  error: z.enum(Object.keys(HUB_REFUSALS) as [HubRefusal, ...HubRefusal[]]),
  message: z.string(),
});
export type HubRefusalBody = z.infer<typeof HubRefusalBody>;
