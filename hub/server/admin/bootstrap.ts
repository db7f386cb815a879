import type { Logger } from 'pino';
import type { HubDb } from '../db.js';
import { ensureAdminUser } from './admin-users.js';
import type { AdminBootstrapConfig } from './bootstrap-config.js';
import { ensureEnrollmentCode } from './enrollment-codes.js';
import { createSpecialist } from './specialist-admin.js';

/** A bootstrap code is renewed to this validity at every start until a station uses it. */
export const BOOTSTRAP_CODE_HOURS = 365 * 24;

/**
 * Sets up what the environment asks for, idempotently, so it can run at every start of every
 * hub process: the admin (created only when absent: an existing admin's password is never
 * changed, a differing HUB_ADMIN_PASSWORD is reported and ignored), then the bootstrap
 * enrollment code (created, or renewed while unused; left alone once a station used it).
 */
export async function bootstrapFromConfig(
  db: HubDb,
  config: AdminBootstrapConfig,
  logger: Pick<Logger, 'info' | 'warn'>,
): Promise<void> {
  if (config.admin) {
    const { username, password } = config.admin;
    const outcome = await ensureAdminUser(db, username, password);
    if (outcome === 'created') logger.info({ username }, 'admin created from HUB_ADMIN_USER');
    if (outcome === 'exists_with_other_password')
      logger.warn(
        { username },
        'HUB_ADMIN_PASSWORD differs from the password of the existing admin; it was NOT changed',
      );
  }
  if (config.bootstrapEnrollment && config.admin) {
    const { code, stationName } = config.bootstrapEnrollment;
    const outcome = await ensureEnrollmentCode(db, {
      code,
      name: stationName,
      createdBy: config.admin.username,
      validHours: BOOTSTRAP_CODE_HOURS,
    });
    // The outcome, never the code: the log is not a place for secrets.
    logger.info({ outcome, station: stationName }, 'bootstrap enrollment code checked');
  }
  for (const specialist of config.specialists ?? []) {
    // Created when absent; an existing account is left as it is, like the admin.
    const created = await createSpecialist(db, specialist);
    if (created) logger.info({ username: specialist.username }, 'specialist created from HUB_BOOTSTRAP_SPECIALISTS');
  }
}
