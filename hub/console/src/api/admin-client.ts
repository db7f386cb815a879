import type { z } from 'zod';
import {
  ADMIN_API_PREFIX,
  AdminMe,
  CreatedEnrollmentCode,
  EnrollmentCodeList,
  RevokedStation,
  StationList,
} from '../../../server/admin/admin-wire.js';
import type { CreateEnrollmentCodeRequest } from '../../../server/admin/admin-wire.js';
import { hubCaller } from './http.js';
import { SpecialistList, SpecialistSummary } from '../../../server/admin/admin-wire.js';
import type { CreateSpecialistRequest } from '../../../server/admin/admin-wire.js';

export { AdminApiError } from './http.js';

/** The admin API as the console uses it; every answer is checked against the shared schema. */
export interface AdminClient {
  me(): Promise<AdminMe>;
  login(username: string, password: string): Promise<AdminMe>;
  logout(): Promise<void>;
  stations(): Promise<z.infer<typeof StationList>>;
  revokeStation(stationId: string): Promise<z.infer<typeof RevokedStation>>;
  enrollmentCodes(): Promise<z.infer<typeof EnrollmentCodeList>>;
  createEnrollmentCode(request: CreateEnrollmentCodeRequest): Promise<CreatedEnrollmentCode>;
  specialists(): Promise<SpecialistList>;
  createSpecialist(request: CreateSpecialistRequest): Promise<SpecialistSummary>;
}

/** A client of the hub's admin API on this page's origin; `onSignedOut` runs when the session is gone. */
export function createAdminClient(onSignedOut: () => void): AdminClient {
  const call = hubCaller(ADMIN_API_PREFIX, onSignedOut);
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
    specialists: () => call('GET', '/specialists', SpecialistList),
    createSpecialist: (request) => call('POST', '/specialists', SpecialistSummary, request),
  };
}
