import type { z } from 'zod';
import { AdminErrorBody } from '../../../server/admin/admin-wire.js';
import type { AdminErrorCode } from '../../../server/admin/admin-wire.js';

/** A failed hub call: the hub's error code, or `network` when the hub could not be reached. */
export class AdminApiError extends Error {
  constructor(
    readonly code: AdminErrorCode | 'network',
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

async function errorFrom(response: Response): Promise<AdminApiError> {
  const parsed = AdminErrorBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new AdminApiError(parsed.data.error, parsed.data.message, parsed.data.retryAfterSeconds);
  return new AdminApiError('internal', `HTTP ${response.status}`);
}

export type Method = 'GET' | 'POST' | 'PUT';

/** One JSON request to the hub; the answer is checked against `schema` (null: nothing to read). */
export type HubCall = <T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown) => Promise<T>;

/**
 * Requests to one of the hub's APIs on this page's origin. The session cookie rides along by
 * itself (HttpOnly: the page never sees it); `onSignedOut` runs whenever the hub says the
 * session is gone, so every page falls back to the sign-in form.
 */
export function hubCaller(prefix: string, onSignedOut: () => void): HubCall {
  return async function call<T>(method: Method, path: string, schema: z.ZodType<T> | null, body?: unknown) {
    let response: Response;
    try {
      response = await fetch(`${prefix}${path}`, {
        method,
        credentials: 'same-origin',
        // Every write is JSON, even with nothing to say: the hub refuses anything else (CSRF).
        ...(method === 'GET'
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }),
      });
    } catch (error) {
      throw new AdminApiError('network', String(error));
    }
    if (!response.ok) {
      const error = await errorFrom(response);
      if (error.code === 'unauthorized') onSignedOut();
      throw error;
    }
    if (schema === null) return undefined as T;
    return schema.parse(await response.json());
  };
}
