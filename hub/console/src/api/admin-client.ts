import type { z } from 'zod';
import {
  ADMIN_API_PREFIX,
  AdminErrorBody,
  AdminMe,
  CreatedEnrollmentCode,
  EnrollmentCodeList,
  RevokedStation,
  StationList,
} from '../../../server/admin/admin-wire.js';
import type { AdminErrorCode, CreateEnrollmentCodeRequest } from '../../../server/admin/admin-wire.js';

/** A failed admin call: the hub's error code, or `network` when the hub could not be reached. */
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

/** The admin API as the console uses it; every answer is checked against the shared schema. */
export interface AdminClient {
  me(): Promise<AdminMe>;
  login(username: string, password: string): Promise<AdminMe>;
  logout(): Promise<void>;
  stations(): Promise<z.infer<typeof StationList>>;
  revokeStation(stationId: string): Promise<z.infer<typeof RevokedStation>>;
  enrollmentCodes(): Promise<z.infer<typeof EnrollmentCodeList>>;
  createEnrollmentCode(request: CreateEnrollmentCodeRequest): Promise<CreatedEnrollmentCode>;
}

async function errorFrom(response: Response): Promise<AdminApiError> {
  const parsed = AdminErrorBody.safeParse(await response.json().catch(() => null));
  if (parsed.success) return new AdminApiError(parsed.data.error, parsed.data.message, parsed.data.retryAfterSeconds);
  return new AdminApiError('internal', `HTTP ${response.status}`);
}

/**
 * A client of the hub's admin API on this page's origin. The session cookie rides along by
 * itself (HttpOnly: the page never sees it); `onSignedOut` runs whenever the hub says the
 * session is gone, so every page falls back to the sign-in form.
 */
export function createAdminClient(onSignedOut: () => void): AdminClient {
  async function call<T>(method: 'GET' | 'POST', path: string, schema: z.ZodType<T> | null, body?: unknown) {
    let response: Response;
    try {
      response = await fetch(`${ADMIN_API_PREFIX}${path}`, {
        method,
        credentials: 'same-origin',
        // Every write is JSON, even with nothing to say: the hub refuses anything else (CSRF).
        ...(method === 'POST'
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }
          : {}),
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
  }

  return {
    me: () => call('GET', '/me', AdminMe),
    login: (username, password) => call('POST', '/login', AdminMe, { username, password }),
    logout: async () => {
      await call('POST', '/logout', null);
      onSignedOut();
    },
    stations: () => call('GET', '/stations', StationList),
    revokeStation: (stationId) => call('POST', `/stations/${encodeURIComponent(stationId)}/revoke`, RevokedStation),
    enrollmentCodes: () => call('GET', '/enrollment-codes', EnrollmentCodeList),
    createEnrollmentCode: (request) => call('POST', '/enrollment-codes', CreatedEnrollmentCode, request),
  };
}
