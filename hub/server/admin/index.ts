import type { FastifyInstance } from 'fastify';
import type { HubDb } from '../db.js';
import { adminApi } from './admin-routes.js';
import { ADMIN_API_PREFIX } from './admin-wire.js';
import { DEFAULT_CONSOLE_DIR, serveConsole } from './console-static.js';

export { bootstrapFromConfig } from './bootstrap.js';
export { createEnrollmentCode, ensureEnrollmentCode } from './enrollment-codes.js';
export type { NewEnrollmentCode } from './enrollment-codes.js';
export { ensureAdminUser } from './admin-users.js';
export { findSession, SESSION_COOKIE } from './sessions.js';

export interface AdminOptions {
  /** The built hub console; dist/console by default. */
  consoleDir?: string;
}

/** Registers the admin API (/api/admin/…) and the hub console (/console/) on the hub. */
export function registerAdmin(app: FastifyInstance, db: HubDb, options: AdminOptions = {}): void {
  // Registered, not awaited: fastify loads both before the hub listens (or answers inject).
  void app.register(adminApi, { prefix: ADMIN_API_PREFIX, db });
  void app.register(serveConsole, { consoleDir: options.consoleDir ?? DEFAULT_CONSOLE_DIR });
}
