import type { Specialty } from '../../../contract/consults/consult.js';
import type { HubDb, Queryable } from '../db.js';
import type { CreateSpecialistRequest, SpecialistSummary } from './admin-wire.js';
import { hashPassword } from './password.js';

interface Row {
  username: string;
  display_name: string;
  specialty: Specialty;
  available: boolean;
}

const summary = (row: Row): SpecialistSummary => ({
  username: row.username,
  displayName: row.display_name,
  specialty: row.specialty,
  available: row.available,
});

export async function listSpecialists(db: Queryable): Promise<SpecialistSummary[]> {
  const rows = await db.query<Row>(
    `SELECT s.username, s.display_name, s.specialty, s.available FROM specialists s
       JOIN admin_users u ON u.username = s.username WHERE u.disabled_at IS NULL ORDER BY s.specialty, s.display_name`,
  );
  return rows.map(summary);
}

/**
 * Creates a console user who answers consults (not an admin). Returns null when the username
 * is taken, so an existing account is never changed from here.
 */
export async function createSpecialist(db: HubDb, request: CreateSpecialistRequest): Promise<SpecialistSummary | null> {
  const hash = await hashPassword(request.password);
  return db.transaction(async (tx) => {
    const created = await tx.query(
      `INSERT INTO admin_users (username, password_hash, is_admin) VALUES ($1, $2, false)
       ON CONFLICT (username) DO NOTHING RETURNING username`,
      [request.username, hash],
    );
    if (created.length === 0) return null;
    const [row] = await tx.query<Row>(
      `INSERT INTO specialists (username, display_name, specialty) VALUES ($1, $2, $3)
       RETURNING username, display_name, specialty, available`,
      [request.username, request.displayName, request.specialty],
    );
    if (!row) throw new Error('storing the specialist returned no row');
    return summary(row);
  });
}

/** The signed-in user's specialist profile, or null when she is not a specialist. */
export async function specialistOf(db: Queryable, username: string): Promise<SpecialistSummary | null> {
  const [row] = await db.query<Row>(
    'SELECT username, display_name, specialty, available FROM specialists WHERE username = $1',
    [username],
  );
  return row ? summary(row) : null;
}

export async function setAvailability(db: Queryable, username: string, available: boolean): Promise<void> {
  await db.query('UPDATE specialists SET available = $2, availability_at = now() WHERE username = $1', [
    username,
    available,
  ]);
}
