import type { EnrollmentCodeSummary } from '../../../server/admin/admin-wire.js';

export type CodeStatus = 'unused' | 'used' | 'expired';

/** A used code stays "used" after its expiry: that is the fact worth showing. */
export function codeStatus(code: Pick<EnrollmentCodeSummary, 'usedAt' | 'expiresAt'>, now: number): CodeStatus {
  if (code.usedAt !== null) return 'used';
  return Date.parse(code.expiresAt) <= now ? 'expired' : 'unused';
}
