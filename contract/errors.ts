import { z } from 'zod';

/** Every error code a contract call can fail with. The message key is `errors.<code>`. */
export const ErrorCode = z.enum([
  'invalid_input',
  'unknown_method',
  'malformed_message',
  'unauthorized',
  'forbidden_sender',
  'not_found',
  'store_unavailable',
  'disconnected',
  'not_signed_in',
  'locked',
  'wrong_pin',
  'pin_locked_out',
  'duplicate_national_id',
  'possible_duplicate',
  'stale_version',
  'visit_closed',
  'visit_already_open',
  'record_retired',
  'device_unavailable',
  'reading_gone',
  'device_error',
  /** The consult was answered or cancelled: it cannot change any more. */
  'consult_closed',
  /** The hub cannot be reached now (call signaling and ICE need it live). */
  'hub_unavailable',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with one field of a call's input, as found by the contract's schema. */
export const FieldIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  code: z.string(),
  message: z.string(),
  /** Values the localized message needs (a range's limits and unit). */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type FieldIssue = z.infer<typeof FieldIssue>;

/** The error every call can return: a code, a localizable message key, and details. */
export const StationErrorShape = z.object({
  code: ErrorCode,
  messageKey: z.string(),
  details: z
    .object({
      issues: z.array(FieldIssue).optional(),
      method: z.string().optional(),
      /** The existing record a refusal points at (an exact national-ID match). */
      recordId: z.string().optional(),
      /** Records that look like the one being created (possible duplicates). */
      candidates: z.array(z.record(z.string(), z.unknown())).max(20).optional(),
    })
    .optional(),
});
export type StationErrorShape = z.infer<typeof StationErrorShape>;

/** A thrown contract error. It crosses every boundary as its plain shape. */
export class StationError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: StationErrorShape['details'];

  constructor(code: ErrorCode, details?: StationErrorShape['details']) {
    super(`station error: ${code}`);
    this.name = 'StationError';
    this.code = code;
    this.messageKey = `errors.${code}`;
    this.details = details;
  }

  toShape(): StationErrorShape {
    return this.details === undefined
      ? { code: this.code, messageKey: this.messageKey }
      : { code: this.code, messageKey: this.messageKey, details: this.details };
  }

  static fromShape(shape: StationErrorShape): StationError {
    return new StationError(shape.code, shape.details);
  }
}

/** Converts zod issues to the wire form; messages are zod's English text for logs only. */
export function issuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
    ...(issue.code === 'custom' && issue.params ? { params: issue.params as Record<string, string | number> } : {}),
  }));
}

const MESSAGE_FORM = /^station error: ([a-z_]+)$/;

/**
 * Recovers the contract error from anything a call rejected with. Electron's contextBridge
 * copies a thrown error as a plain Error with only its message, so the code is read back from
 * the message form StationError gives itself.
 */
export function stationErrorOf(error: unknown): StationError {
  if (error instanceof StationError) return error;
  const message = error instanceof Error ? error.message : undefined;
  const fromMessage = message === undefined ? undefined : MESSAGE_FORM.exec(message)?.[1];
  const fromShape = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  const code = ErrorCode.safeParse(fromMessage ?? fromShape);
  return new StationError(code.success ? code.data : 'internal');
}
