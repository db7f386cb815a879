import type { Queryable } from '../db.js';

/** Failed sign-ins allowed per username before each further attempt must wait. */
export const FREE_ATTEMPTS = 5;
/** The wait after the first attempt over the allowance; it doubles with each further failure. */
const FIRST_WAIT_SECONDS = 2;
const MAX_WAIT_SECONDS = 15 * 60;
/** A name with no failure for this long starts again with its full allowance. */
const FORGET_AFTER = "interval '1 day'";

const WAIT = `make_interval(secs => least(${MAX_WAIT_SECONDS}, ${FIRST_WAIT_SECONDS} * power(2, f.failures - ${FREE_ATTEMPTS})))`;
const LOCKED = `f.failures >= ${FREE_ATTEMPTS} AND f.last_failed_at + ${WAIT} > now()`;

export type LoginAttempt = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts a sign-in attempt for `username` as failed before the password is checked, in one
 * statement, so parallel guesses (to any hub process) cannot slip past the count; a success
 * then clears it with {@link clearLoginFailures}. Refused while the name must wait.
 */
export async function reserveLoginAttempt(db: Queryable, username: string): Promise<LoginAttempt> {
  const counted = await db.query(
    `INSERT INTO admin_login_failures AS f (username, failures, last_failed_at)
     VALUES ($1, 1, now())
     ON CONFLICT (username) DO UPDATE SET
       failures = CASE WHEN f.last_failed_at < now() - ${FORGET_AFTER} THEN 1 ELSE f.failures + 1 END,
       last_failed_at = now()
     WHERE NOT (${LOCKED})
     RETURNING failures`,
    [username],
  );
  if (counted.length > 0) return { allowed: true };
  const [row] = await db.query<{ wait: number }>(
    `SELECT greatest(1, ceil(extract(epoch FROM f.last_failed_at + ${WAIT} - now())))::int AS wait
       FROM admin_login_failures f WHERE f.username = $1`,
    [username],
  );
  return { allowed: false, retryAfterSeconds: row?.wait ?? 1 };
}

/** Forgets the failures of a name that has just signed in. */
export async function clearLoginFailures(db: Queryable, username: string): Promise<void> {
  await db.query('DELETE FROM admin_login_failures WHERE username = $1', [username]);
}
