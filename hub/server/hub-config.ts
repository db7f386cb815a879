import { resolve } from 'node:path';
import { z } from 'zod';
import { readAdminBootstrap } from './admin/bootstrap-config.js';
import type { AdminBootstrapConfig } from './admin/bootstrap-config.js';
import { readIceConfig } from './calls/ice-servers.js';
import type { HubIceConfig } from './calls/ice-servers.js';

/** Default wait before a consult nobody took is widened to general medicine. */
export const DEFAULT_WIDEN_AFTER_MS = 3 * 60_000;

/** An unset and an empty variable mean the same: use the default. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const PORT_RULE = 'must be a port number from 0 (any free port) to 65535';

const Env = z.object({
  HUB_HOST: optional(z.string()),
  HUB_PORT: optional(
    z
      .string()
      .regex(/^\d{1,5}$/, PORT_RULE)
      .transform(Number)
      .pipe(z.number().max(65535, PORT_RULE)),
  ),
  HUB_DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  HUB_DATA_DIR: optional(z.string()),
  CUNYI_LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
  HUB_CONSULT_WIDEN_AFTER_S: optional(
    z
      .string()
      .regex(/^\d{1,6}$/, 'must be a whole number of seconds')
      .transform(Number)
      .pipe(z.number().min(5, 'must be at least 5 seconds')),
  ),
});

/** How the hub process runs, from its environment. */
export interface HubConfig extends AdminBootstrapConfig {
  host: string;
  /** 0 asks for any free port. */
  port: number;
  /** PostgreSQL when set; PGlite in `dataDir` otherwise. */
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  /** How long a consult waits for its specialty before general medicine sees it too. */
  widenAfterMs: number;
  /** STUN/TURN servers handed to call participants. */
  ice: HubIceConfig;
}

/** Reads HUB_HOST, HUB_PORT, HUB_DATABASE_URL, HUB_DATA_DIR, CUNYI_LOG_LEVEL, HUB_CONSULT_WIDEN_AFTER_S, the ICE (HUB_STUN_…/HUB_TURN_…) and HUB_ADMIN_… / HUB_BOOTSTRAP_… variables; throws on bad values. */
export function readHubConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): HubConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid hub configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    host: e.HUB_HOST ?? '127.0.0.1',
    port: e.HUB_PORT ?? 8710,
    ...(e.HUB_DATABASE_URL ? { databaseUrl: e.HUB_DATABASE_URL } : {}),
    dataDir: resolve(cwd, e.HUB_DATA_DIR ?? '.data/hub'),
    logLevel: e.CUNYI_LOG_LEVEL ?? 'info',
    widenAfterMs: (e.HUB_CONSULT_WIDEN_AFTER_S ?? DEFAULT_WIDEN_AFTER_MS / 1000) * 1000,
    ice: readIceConfig(env),
    ...readAdminBootstrap(env),
  };
}

/** The URL a client uses to reach `host:port` (IPv6 literals in brackets). */
export function hubUrl(host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
