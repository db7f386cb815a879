import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db.js';

/** The session cookie's name; its value is the token, which the hub never stores. */
export const SESSION_COOKIE = 'cunyi_admin_session';
/** A session ends this long after sign-in, used or not. */
export const SESSION_HOURS = 12;

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A signed-in admin as found from a session token. */
export interface AdminSession {
  username: string;
  expiresAt: Date;
  /** May use the admin pages; a specialist who is not an admin may not. */
  isAdmin: boolean;
}

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Opens a session for `username` and returns its token. Only the token's SHA-256 is stored,
 * so a leaked database backup holds no usable session. Expiry comes from the database clock
 * so every hub process agrees on it.
 */
export async function createSession(db: Queryable, username: string): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  // Sessions are looked up by token, never listed: clearing the expired ones here keeps the table small.
  await db.query('DELETE FROM admin_sessions WHERE expires_at < now()');
  const [row] = await db.query<{ expires_at: Date }>(
    `INSERT INTO admin_sessions (token_sha256, username, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => ${SESSION_HOURS}))
     RETURNING expires_at`,
    [digest(token), username],
  );
  if (!row) throw new Error('storing the session returned no row');
  return { token, expiresAt: new Date(row.expires_at) };
}

/** The session a token opens: none when unknown, expired, or its user was disabled. */
export async function findSession(db: Queryable, token: string | undefined): Promise<AdminSession | null> {
  if (token === undefined || !TOKEN.test(token)) return null;
  const [row] = await db.query<{ username: string; expires_at: Date; is_admin: boolean }>(
    `SELECT s.username, s.expires_at, u.is_admin
       FROM admin_sessions s JOIN admin_users u ON u.username = s.username
      WHERE s.token_sha256 = $1 AND s.expires_at > now() AND u.disabled_at IS NULL`,
    [digest(token)],
  );
  return row ? { username: row.username, expiresAt: new Date(row.expires_at), isAdmin: row.is_admin } : null;
}

/** Ends the session a token opened; nothing happens for an unknown token. */
export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.query('DELETE FROM admin_sessions WHERE token_sha256 = $1', [digest(token)]);
}
