import type { StationSummary } from '../../../server/admin/admin-wire.js';

export type StationState = 'enrolled' | 'revoked' | 'unenrolled';

/** Revocation wins over enrollment; a station that only said hello is not enrolled. */
export function stationState(station: Pick<StationSummary, 'enrolledAt' | 'revokedAt'>): StationState {
  if (station.revokedAt !== null) return 'revoked';
  return station.enrolledAt !== null ? 'enrolled' : 'unenrolled';
}
