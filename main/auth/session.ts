import { EventEmitter } from 'node:events';
import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import type { SessionState, UserSummary } from '../../contract/auth.js';
import { StationError } from '../../contract/errors.js';
import { appendAudit } from '../records/ledger.js';
import type { Actor } from '../records/ledger.js';
import { hashPin, pinMatches } from './pin-hash.js';

const MAX_FAILURES = 5;
const LOCKOUT_MS = 60_000;

interface UserRow {
  id: string;
  display_name: string;
  role: 'doctor' | 'admin';
  pin_hash: string;
}

const summary = (row: UserRow): UserSummary => ({ id: row.id, displayName: row.display_name, role: row.role });

/**
 * Who is signed in at this station. Every write asks it for the actor; an idle session locks
 * itself after `lockAfterMs`, so a screen left open cannot be used to write under a name.
 */
export class StationSession {
  private readonly changes = new EventEmitter<{ change: [SessionState] }>();
  private user: UserSummary | null = null;
  private locked = false;
  private idleTimer: NodeJS.Timeout | undefined;
  private readonly failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly db: Database.Database,
    private readonly stationId: string,
    private readonly lockAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.changes.setMaxListeners(100);
  }

  state(): SessionState {
    if (this.user === null) return { state: 'signed_out', needsSetup: this.userCount() === 0 };
    if (this.locked) return { state: 'locked', user: this.user };
    return { state: 'active', user: this.user, lockAfterMs: this.lockAfterMs };
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  users(): UserSummary[] {
    return this.db
      .prepare<[], UserRow>(
        'SELECT id, display_name, role, pin_hash FROM users WHERE disabled_at IS NULL ORDER BY display_name',
      )
      .all()
      .map(summary);
  }

  /** The signed-in, unlocked doctor; refuses otherwise. Counts as activity. */
  requireActor(): Actor {
    if (this.user === null) throw new StationError('not_signed_in');
    if (this.locked) throw new StationError('locked');
    this.touch();
    return { userId: this.user.id, stationId: this.stationId };
  }

  signIn(userId: string, pin: string): SessionState {
    const row = this.db
      .prepare<[string], UserRow>(
        'SELECT id, display_name, role, pin_hash FROM users WHERE id = ? AND disabled_at IS NULL',
      )
      .get(userId);
    this.checkPin(userId, row, pin);
    this.user = summary(row as UserRow);
    this.locked = false;
    this.audit('sign-in');
    this.touch();
    return this.emit();
  }

  unlock(pin: string): SessionState {
    if (this.user === null) throw new StationError('not_signed_in');
    const row = this.db
      .prepare<[string], UserRow>('SELECT id, display_name, role, pin_hash FROM users WHERE id = ?')
      .get(this.user.id);
    this.checkPin(this.user.id, row, pin);
    this.locked = false;
    this.touch();
    return this.emit();
  }

  lock(): SessionState {
    if (this.user !== null && !this.locked) {
      this.locked = true;
      clearTimeout(this.idleTimer);
    }
    return this.emit();
  }

  signOut(): SessionState {
    if (this.user !== null) this.audit('sign-out');
    this.user = null;
    this.locked = false;
    clearTimeout(this.idleTimer);
    return this.emit();
  }

  /** Creates the station's first account, only while it has none, and signs it in. */
  createFirstUser(displayName: string, pin: string): SessionState {
    const id = uuidv7();
    this.db
      .transaction(() => {
        if (this.userCount() > 0) throw new StationError('forbidden_sender');
        this.insertUser(id, displayName, 'admin', pin);
        appendAudit(
          this.db,
          { userId: id, stationId: this.stationId },
          'create-user',
          new Date(this.now()).toISOString(),
        );
      })
      .immediate();
    return this.signIn(id, pin);
  }

  /** Adds an account without signing in (demo seeding, admin screens later). */
  ensureUser(id: string, displayName: string, role: 'doctor' | 'admin', pin: string): void {
    if (this.db.prepare('SELECT 1 FROM users WHERE id = ?').get(id)) return;
    this.insertUser(id, displayName, role, pin);
  }

  close(): void {
    clearTimeout(this.idleTimer);
  }

  private insertUser(id: string, displayName: string, role: 'doctor' | 'admin', pin: string): void {
    this.db
      .prepare('INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(id, displayName, role, hashPin(pin), new Date(this.now()).toISOString());
  }

  private checkPin(userId: string, row: UserRow | undefined, pin: string): asserts row is UserRow {
    const failure = this.failures.get(userId);
    if (failure && failure.count >= MAX_FAILURES && this.now() < failure.until)
      throw new StationError('pin_locked_out');
    // Hash even for an unknown user, so timing does not tell which ids exist.
    const ok = pinMatches(pin, row?.pin_hash ?? hashPin('0000')) && row !== undefined;
    if (!ok) {
      const count = (failure && this.now() < failure.until ? failure.count : 0) + 1;
      this.failures.set(userId, { count, until: this.now() + LOCKOUT_MS });
      throw new StationError(count >= MAX_FAILURES ? 'pin_locked_out' : 'wrong_pin');
    }
    this.failures.delete(userId);
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.lock(), this.lockAfterMs);
    this.idleTimer.unref();
  }

  private audit(action: string): void {
    if (this.user === null) return;
    const actor = { userId: this.user.id, stationId: this.stationId };
    this.db.transaction(() => appendAudit(this.db, actor, action, new Date(this.now()).toISOString())).immediate();
  }

  private userCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM users WHERE disabled_at IS NULL').get() as { n: number }).n;
  }

  private emit(): SessionState {
    const state = this.state();
    this.changes.emit('change', state);
    return state;
  }
}
