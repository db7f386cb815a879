import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './admin-users.js';
import { AdminUsername } from './admin-wire.js';
import { assertUsableCode } from './enrollment-codes.js';
import { CreateSpecialistRequest } from './admin-wire.js';

/** What the hub sets up at start from its environment (see bootstrapFromConfig). */
export interface AdminBootstrapConfig {
  /** HUB_ADMIN_USER + HUB_ADMIN_PASSWORD: the admin to create when that name does not exist. */
  admin?: { username: string; password: string };
  /** HUB_BOOTSTRAP_ENROLLMENT_CODE (+ HUB_BOOTSTRAP_STATION_NAME): a code kept ready to enroll. */
  bootstrapEnrollment?: { code: string; stationName: string };
  /** HUB_BOOTSTRAP_SPECIALISTS: specialists to create when their usernames do not exist (JSON list). */
  specialists?: CreateSpecialistRequest[];
}

/** The name a bootstrap code's station gets when HUB_BOOTSTRAP_STATION_NAME is unset. */
export const DEFAULT_BOOTSTRAP_STATION_NAME = '初始工作站';

const blankIsUnset = (value: unknown) => (value === '' ? undefined : value);

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const Env = z
  .object({
    HUB_ADMIN_USER: z.preprocess(blankIsUnset, AdminUsername.optional()),
    HUB_ADMIN_PASSWORD: z.preprocess(
      blankIsUnset,
      z.string().min(MIN_PASSWORD_LENGTH, `must have at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional(),
    ),
    HUB_BOOTSTRAP_ENROLLMENT_CODE: z.preprocess(
      blankIsUnset,
      z
        .string()
        .refine((code) => {
          try {
            assertUsableCode(code);
            return true;
          } catch {
            return false;
          }
        }, 'must be 16 to 64 letters and digits (dashes and spaces are ignored)')
        .optional(),
    ),
    HUB_BOOTSTRAP_STATION_NAME: z.preprocess(blankIsUnset, z.string().trim().min(1).max(100).optional()),
    HUB_BOOTSTRAP_SPECIALISTS: z.preprocess(
      (value) => (typeof value === 'string' && value !== '' ? parseJson(value) : undefined),
      z
        .array(CreateSpecialistRequest, 'must be a JSON list of {username, password, displayName, specialty}')
        .optional(),
    ),
  })
  .superRefine((env, ctx) => {
    if ((env.HUB_ADMIN_USER === undefined) !== (env.HUB_ADMIN_PASSWORD === undefined))
      ctx.addIssue({
        code: 'custom',
        path: [env.HUB_ADMIN_USER === undefined ? 'HUB_ADMIN_USER' : 'HUB_ADMIN_PASSWORD'],
        message: 'HUB_ADMIN_USER and HUB_ADMIN_PASSWORD go together',
      });
    if (env.HUB_BOOTSTRAP_ENROLLMENT_CODE !== undefined && env.HUB_ADMIN_USER === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['HUB_ADMIN_USER'],
        message: 'HUB_BOOTSTRAP_ENROLLMENT_CODE needs HUB_ADMIN_USER (the admin recorded as its creator)',
      });
  });

/** Reads the admin bootstrap variables; throws naming each bad one. Passwords are never echoed. */
export function readAdminBootstrap(env: NodeJS.ProcessEnv): AdminBootstrapConfig {
  const parsed = Env.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid hub configuration:\n${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
  return {
    ...(e.HUB_ADMIN_USER && e.HUB_ADMIN_PASSWORD
      ? { admin: { username: e.HUB_ADMIN_USER, password: e.HUB_ADMIN_PASSWORD } }
      : {}),
    ...(e.HUB_BOOTSTRAP_ENROLLMENT_CODE
      ? {
          bootstrapEnrollment: {
            code: e.HUB_BOOTSTRAP_ENROLLMENT_CODE,
            stationName: e.HUB_BOOTSTRAP_STATION_NAME ?? DEFAULT_BOOTSTRAP_STATION_NAME,
          },
        }
      : {}),
    ...(e.HUB_BOOTSTRAP_SPECIALISTS ? { specialists: e.HUB_BOOTSTRAP_SPECIALISTS } : {}),
  };
}
