import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';

/** Where the station keeps its data when nothing says otherwise: the XDG user data folder. */
export function defaultDataRoot(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_DATA_HOME && env.XDG_DATA_HOME !== '' ? env.XDG_DATA_HOME : join(homedir(), '.local', 'share');
  return join(base, 'cunyi-station');
}

const Env = z.object({
  CUNYI_DATA_DIR: z.string().min(1).optional(),
  CUNYI_HUB_URL: z.url({ protocol: /^https?$/ }).optional(),
  CUNYI_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  CUNYI_RENDERER_DIR: z.string().min(1).optional(),
  CUNYI_LOCK_AFTER_MIN: z.coerce.number().positive().max(240).default(5),
  CUNYI_ENROLLMENT_CODE: z.string().trim().min(8).max(64).optional(),
  CUNYI_DEMO_PIN: z
    .string()
    .regex(/^\d{4,8}$/)
    .optional(),
});

/** Browser-mode settings, from the environment. */
export interface BrowserModeConfig {
  dataDir: string;
  hubUrl: string | null;
  port: number;
  rendererDir: string;
  lockAfterMs: number;
  /** Set only in demo mode: the demo doctor's PIN. */
  demoDoctorPin: string | undefined;
  /** One-time code to enroll with the hub, until the station is enrolled. */
  enrollmentCode: string | undefined;
}

/** Reads the browser-mode configuration; a bad value stops the start with the variable named. */
export function browserModeConfig(env: NodeJS.ProcessEnv, repoRoot: string): BrowserModeConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const names = parsed.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`Invalid configuration in ${names}`);
  }
  const e = parsed.data;
  return {
    dataDir: resolve(e.CUNYI_DATA_DIR ?? join(defaultDataRoot(env), 'station')),
    hubUrl: e.CUNYI_HUB_URL ?? null,
    port: e.CUNYI_PORT,
    rendererDir: resolve(e.CUNYI_RENDERER_DIR ?? join(repoRoot, 'dist', 'renderer')),
    lockAfterMs: Math.round(e.CUNYI_LOCK_AFTER_MIN * 60_000),
    demoDoctorPin: e.CUNYI_DEMO_PIN,
    enrollmentCode: e.CUNYI_ENROLLMENT_CODE,
  };
}
