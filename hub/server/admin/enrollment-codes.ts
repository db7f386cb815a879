import type { Queryable } from '../db.js';
import { enrollmentCodeDigest, newEnrollmentCode, normalizeEnrollmentCode } from '../sync/enrollment-code.js';
import type { CreatedEnrollmentCode, EnrollmentCodeSummary } from './admin-wire.js';

/** The longest validity a code may get through {@link createEnrollmentCode} (ten years, for bootstrap codes). */
export const MAX_CODE_HOURS = 10 * 366 * 24;

/** A code given by configuration must carry at least as much chance as a generated one (16 characters). */
const GIVEN_CODE = /^[0-9A-Z]{16,64}$/;

export interface NewEnrollmentCode {
  /** What the station is called, e.g. the village's name; 1 to 100 characters. */
  name: string;
  /** The admin who made it (an existing admin_users row). */
  createdBy: string;
  /** Whole hours the code stays valid, from 1. */
  validHours: number;
  /** The code to register instead of a fresh random one (bootstrap from configuration). */
  code?: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

/** The name trimmed; throws on a name or validity out of range. */
function checked(input: NewEnrollmentCode): { name: string; validHours: number } {
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw new Error('an enrollment code name needs 1 to 100 characters');
  if (!Number.isInteger(input.validHours) || input.validHours < 1 || input.validHours > MAX_CODE_HOURS)
    throw new Error(`validHours must be a whole number from 1 to ${MAX_CODE_HOURS}`);
  return { name, validHours: input.validHours };
}

/** Throws unless `code` normalizes to 16 to 64 letters and digits. */
export function assertUsableCode(code: string): void {
  if (!GIVEN_CODE.test(normalizeEnrollmentCode(code)))
    throw new Error('an enrollment code must be 16 to 64 letters and digits (dashes and spaces are ignored)');
}

/**
 * Stores a one-time enrollment code (only its digest) and returns the code, which nothing
 * can show again. Throws on a bad name, validity or given code, or when the code exists.
 */
export async function createEnrollmentCode(db: Queryable, input: NewEnrollmentCode): Promise<CreatedEnrollmentCode> {
  const { name } = checked(input);
  if (input.code !== undefined) assertUsableCode(input.code);
  const code = input.code ?? newEnrollmentCode();
  const [row] = await db.query<{ expires_at: Date }>(
    `INSERT INTO enrollment_codes (code_sha256, name, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int))
     RETURNING expires_at`,
    [enrollmentCodeDigest(code), name, input.createdBy, input.validHours],
  );
  if (!row) throw new Error('storing the enrollment code returned no row');
  return { code, name, expiresAt: iso(row.expires_at) };
}

/** Every code, newest first, without the codes themselves. */
export async function listEnrollmentCodes(db: Queryable): Promise<EnrollmentCodeSummary[]> {
  const rows = await db.query<{
    name: string;
    created_by: string;
    created_at: Date;
    expires_at: Date;
    used_at: Date | null;
    station_id: string | null;
  }>(
    `SELECT name, created_by, created_at, expires_at, used_at, station_id
       FROM enrollment_codes ORDER BY created_at DESC, name LIMIT 1000`,
  );
  return rows.map((row) => ({
    name: row.name,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    usedAt: row.used_at === null ? null : iso(row.used_at),
    stationId: row.station_id,
  }));
}

/** What {@link ensureEnrollmentCode} found or did. */
export type EnsureCodeOutcome = 'created' | 'renewed' | 'already_used';

/**
 * Makes sure `code` can enroll a station: creates it, or gives an unused one its full
 * validity again; a code a station has already used is left alone (it cannot be reused).
 */
export async function ensureEnrollmentCode(
  db: Queryable,
  input: Required<NewEnrollmentCode>,
): Promise<EnsureCodeOutcome> {
  const { name, validHours } = checked(input);
  assertUsableCode(input.code);
  const digest = enrollmentCodeDigest(input.code);
  // ON CONFLICT: two hub processes starting together both try; one creates, neither fails.
  const created = await db.query(
    `INSERT INTO enrollment_codes (code_sha256, name, created_by, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(hours => $4::int))
     ON CONFLICT (code_sha256) DO NOTHING RETURNING code_sha256`,
    [digest, name, input.createdBy, validHours],
  );
  if (created.length > 0) return 'created';
  const renewed = await db.query(
    `UPDATE enrollment_codes SET expires_at = now() + make_interval(hours => $2::int)
      WHERE code_sha256 = $1 AND used_at IS NULL RETURNING code_sha256`,
    [digest, validHours],
  );
  return renewed.length > 0 ? 'renewed' : 'already_used';
}
