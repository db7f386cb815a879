import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AdminErrorBody, AdminErrorCode } from './admin-wire.js';

const STATUS: Record<AdminErrorCode, number> = {
  invalid_input: 400,
  unauthorized: 401,
  invalid_credentials: 401,
  forbidden_origin: 403,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_attempts: 429,
  internal: 500,
  forbidden: 403,
  already_taken: 409,
  wrong_state: 409,
  conflict: 409,
};

/** A refusal the admin API answers as `{error, message}` with the status the code implies. */
export class AdminError extends Error {
  readonly status: number;
  constructor(
    readonly code: AdminErrorCode,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AdminError';
    this.status = STATUS[code];
  }
}

/** Parses `value` with `schema` or throws invalid_input naming what is wrong. */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new AdminError('invalid_input', z.prettifyError(parsed.error));
  return parsed.data;
}

/** Fastify's own 4xx (bad JSON, body too large, …) mapped onto the admin API's codes. */
function codeForStatus(status: number): AdminErrorCode {
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 404) return 'not_found';
  return 'invalid_input';
}

/** The admin scope's error handler: every failure leaves as an AdminErrorBody. */
export function sendAdminError(error: FastifyError | AdminError, request: FastifyRequest, reply: FastifyReply) {
  let body: AdminErrorBody;
  let status: number;
  if (error instanceof AdminError) {
    status = error.status;
    body = { error: error.code, message: error.message };
    if (error.retryAfterSeconds !== undefined) {
      body.retryAfterSeconds = error.retryAfterSeconds;
      void reply.header('retry-after', String(error.retryAfterSeconds));
    }
  } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    status = error.statusCode;
    body = { error: codeForStatus(status), message: error.message };
  } else {
    request.log.error({ err: error }, 'admin request failed');
    status = 500;
    body = { error: 'internal', message: 'internal error' };
  }
  return reply.code(status).send(body);
}
