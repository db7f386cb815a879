import type { Queryable } from '../db.js';
import { AdminUsername, MIN_PASSWORD_LENGTH } from './admin-wire.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';

export { MIN_PASSWORD_LENGTH } from './admin-wire.js';

/** What {@link ensureAdminUser} found or did. */
export type EnsureAdminOutcome = 'created' | 'exists' | 'exists_with_other_password';

/**
 * Creates the admin `username` with `password` unless that name exists. An existing admin's
 * password is never changed here; the outcome says whether it differs from `password`.
 */
export async function ensureAdminUser(db: Queryable, username: string, password: string): Promise<EnsureAdminOutcome> {
  AdminUsername.parse(username);
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new Error(`an admin password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  const hash = await hashPassword(password);
  // ON CONFLICT: two hub processes starting together both try; one creates, neither fails.
  const created = await db.query(
    'INSERT INTO admin_users (username, password_hash) VALUES ($1, $2) ON CONFLICT (username) DO NOTHING RETURNING username',
    [username, hash],
  );
  if (created.length > 0) return 'created';
  const [row] = await db.query<{ password_hash: string }>('SELECT password_hash FROM admin_users WHERE username = $1', [
    username,
  ]);
  return row && (await verifyPassword(password, row.password_hash)) ? 'exists' : 'exists_with_other_password';
}

/**
 * True when `username` names an enabled admin whose password is `password`. Takes as long
 * for an unknown name as for a wrong password.
 */
export async function checkAdminPassword(db: Queryable, username: string, password: string): Promise<boolean> {
  const [row] = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM admin_users WHERE username = $1 AND disabled_at IS NULL',
    [username],
  );
  const matches = await verifyPassword(password, row?.password_hash ?? (await decoyHash()));
  return row !== undefined && matches;
}
