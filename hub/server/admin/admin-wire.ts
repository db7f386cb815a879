import { z } from 'zod';
import { Specialty } from '../../../contract/consults/consult.js';

// The admin API's shapes, shared by the hub and the hub console (which bundles this file into
// the page): zod only, no Node built-in, no server code.

/** Where the admin API lives on the hub. */
export const ADMIN_API_PREFIX = '/api/admin';

/** How long an enrollment code made from the console stays valid, in hours. */
export const ENROLLMENT_CODE_HOURS = { min: 1, max: 720, default: 72 } as const;

export const AdminUsername = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[^\s\p{C}]+$/u, 'must not contain spaces or control characters');

export const LoginRequest = z.strictObject({
  username: AdminUsername,
  // Bounded so a megabyte "password" cannot keep scrypt busy.
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** The signed-in admin; the session ends at `expiresAt` whatever happens in between. */
export const AdminMe = z.object({ username: z.string(), expiresAt: z.iso.datetime() });
export type AdminMe = z.infer<typeof AdminMe>;

export const CreateEnrollmentCodeRequest = z.strictObject({
  /** What the admin calls the station the code is for, e.g. the village's name. */
  name: z.string().trim().min(1).max(100),
  validHours: z
    .number()
    .int()
    .min(ENROLLMENT_CODE_HOURS.min)
    .max(ENROLLMENT_CODE_HOURS.max)
    .default(ENROLLMENT_CODE_HOURS.default),
});
export type CreateEnrollmentCodeRequest = z.input<typeof CreateEnrollmentCodeRequest>;

/** A new code: the only time the hub ever says the code itself. */
export const CreatedEnrollmentCode = z.object({ code: z.string(), name: z.string(), expiresAt: z.iso.datetime() });
export type CreatedEnrollmentCode = z.infer<typeof CreatedEnrollmentCode>;

/** A code as listed: never the code, which the hub does not keep. */
export const EnrollmentCodeSummary = z.object({
  name: z.string(),
  createdBy: z.string(),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  stationId: z.string().nullable(),
});
export type EnrollmentCodeSummary = z.infer<typeof EnrollmentCodeSummary>;

export const EnrollmentCodeList = z.object({ codes: z.array(EnrollmentCodeSummary) });

export const StationIdParams = z.strictObject({ stationId: z.uuid() });

export const StationSummary = z.object({
  stationId: z.string(),
  name: z.string().nullable(),
  enrolledAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  lastSeenAt: z.iso.datetime(),
  appVersion: z.string(),
  /** Record versions the hub holds from this station. */
  recordCount: z.number().int(),
});
export type StationSummary = z.infer<typeof StationSummary>;

export const StationList = z.object({ stations: z.array(StationSummary) });

export const RevokedStation = z.object({ stationId: z.string(), revokedAt: z.iso.datetime() });

export const AdminErrorCode = z.enum([
  'invalid_input',
  'unauthorized',
  'invalid_credentials',
  'too_many_attempts',
  'forbidden_origin',
  'unsupported_media_type',
  'not_found',
  'payload_too_large',
  'internal',
  /** Signed in, but this needs another role (an admin page for a specialist, or the reverse). */
  'forbidden',
  /** Another specialist accepted the consult first. */
  'already_taken',
  /** The consult is not in a state where that can happen. */
  'wrong_state',
  /** A username that is taken already. */
  'conflict',
]);
export type AdminErrorCode = z.infer<typeof AdminErrorCode>;

/** Every admin API error: a stable code for programs and the console, a message for people. */
export const AdminErrorBody = z.object({
  error: AdminErrorCode,
  message: z.string(),
  retryAfterSeconds: z.number().int().optional(),
});
export type AdminErrorBody = z.infer<typeof AdminErrorBody>;

/** Shortest password the hub accepts for a console user (admin or specialist). */
export const MIN_PASSWORD_LENGTH = 8;

/** A specialist as the admin pages list her. */
export const SpecialistSummary = z.object({
  username: z.string(),
  displayName: z.string(),
  specialty: Specialty,
  available: z.boolean(),
});
export type SpecialistSummary = z.infer<typeof SpecialistSummary>;

export const SpecialistList = z.object({ specialists: z.array(SpecialistSummary) });
export type SpecialistList = z.infer<typeof SpecialistList>;

export const CreateSpecialistRequest = z.strictObject({
  username: AdminUsername,
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  displayName: z.string().trim().min(1).max(100),
  specialty: Specialty,
});
export type CreateSpecialistRequest = z.infer<typeof CreateSpecialistRequest>;
