import { z } from 'zod';
import { call, subscription } from './define.js';
import { NoInput } from './station.js';

export const UserRole = z.enum(['doctor', 'admin']);

export const UserSummary = z.object({
  id: z.string(),
  displayName: z.string(),
  role: UserRole,
});
export type UserSummary = z.infer<typeof UserSummary>;

/** A station PIN: 4 to 8 digits, typed on a touch keypad. */
export const Pin = z.string().regex(/^\d{4,8}$/, 'auth.pin_format');

export const DisplayName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((s) => !/[\p{Cc}\p{Cf}]/u.test(s), 'text.control_characters');

/** Who is at the station: nobody, a doctor, or a doctor whose screen locked after inactivity. */
export const SessionState = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed_out'), needsSetup: z.boolean() }),
  z.object({ state: z.literal('active'), user: UserSummary, lockAfterMs: z.number().int().positive() }),
  z.object({ state: z.literal('locked'), user: UserSummary }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const authDomain = {
  /** The station's doctors, for the sign-in screen. */
  users: call(NoInput, z.array(UserSummary)),
  session: call(NoInput, SessionState),
  sessionChanges: subscription(NoInput, SessionState),
  signIn: call(z.object({ userId: z.string().min(1).max(64), pin: Pin }).strict(), SessionState),
  /** The locked doctor comes back with her PIN; nothing of her work is lost. */
  unlock: call(z.object({ pin: Pin }).strict(), SessionState),
  lock: call(NoInput, SessionState),
  /** The doctor is using the screen (throttled by the UI): keeps the idle lock away. */
  activity: call(NoInput, SessionState),
  signOut: call(NoInput, SessionState),
  /** A station with no accounts yet creates its first one (an admin who also sees patients). */
  createFirstUser: call(z.object({ displayName: DisplayName, pin: Pin }).strict(), SessionState),
} as const;
