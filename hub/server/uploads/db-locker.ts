import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ERRORS } from '@tus/server';
import type { Lock, Locker, RequestRelease } from '@tus/server';
import type { Queryable } from '../db.js';

export interface DbLockerOptions {
  /** How long a lock outlives its last renewal: a crashed holder's lock lapses after this. */
  ttlMs?: number;
  /** How often a holder renews its lock and looks for a request to release it. */
  renewMs?: number;
  /** How often a waiter tries again. */
  pollMs?: number;
  /** How long a waiter tries before giving up; longer than ttlMs, so a dead holder never blocks it. */
  acquireTimeoutMs?: number;
}

const DEFAULTS: Required<DbLockerOptions> = { ttlMs: 15_000, renewMs: 1_000, pollMs: 100, acquireTimeoutMs: 20_000 };

/**
 * tus's per-upload lock as a row in the hub database, so it holds across hub processes (the
 * bundled MemoryLocker only sees one). A lock row carries an expiry the holder keeps renewing;
 * a waiter flags `release_requested`, which the holder sees on its next renewal and passes to
 * tus, which then winds the holding request down.
 */
export class DbLocker implements Locker {
  private readonly settings: Required<DbLockerOptions>;

  constructor(
    private readonly db: Queryable,
    options: DbLockerOptions = {},
  ) {
    this.settings = { ...DEFAULTS, ...options };
  }

  newLock(id: string): Lock {
    return new DbLock(this.db, id, this.settings);
  }
}

class DbLock implements Lock {
  private readonly holder = randomUUID();
  private renewal: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly db: Queryable,
    private readonly id: string,
    private readonly settings: Required<DbLockerOptions>,
  ) {}

  async lock(signal: AbortSignal, requestRelease: RequestRelease): Promise<void> {
    const deadline = Date.now() + this.settings.acquireTimeoutMs;
    for (;;) {
      if (signal.aborted) throw ERRORS.ERR_LOCK_TIMEOUT;
      if (await this.tryAcquire()) break;
      await this.db.query(
        'UPDATE upload_locks SET release_requested = true WHERE upload_id = $1 AND NOT release_requested',
        [this.id],
      );
      if (Date.now() >= deadline) throw ERRORS.ERR_LOCK_TIMEOUT;
      await sleep(this.settings.pollMs, undefined, { signal }).catch(() => undefined);
    }
    this.held = true;
    let asked = false;
    this.renewal = setInterval(() => {
      void this.renew().then(
        (releaseWanted) => {
          if (releaseWanted && !asked && this.held) {
            asked = true;
            void requestRelease();
          }
        },
        // A database hiccup: the next renewal tries again, well before the lock lapses.
        () => undefined,
      );
    }, this.settings.renewMs);
    this.renewal.unref();
  }

  async unlock(): Promise<void> {
    this.held = false;
    clearInterval(this.renewal);
    await this.db.query('DELETE FROM upload_locks WHERE upload_id = $1 AND holder = $2', [this.id, this.holder]);
  }

  /** Takes the lock when it is free or its holder stopped renewing it. */
  private async tryAcquire(): Promise<boolean> {
    const rows = await this.db.query(
      `INSERT INTO upload_locks (upload_id, holder, expires_at)
       VALUES ($1, $2, now() + $3::integer * interval '1 millisecond')
       ON CONFLICT (upload_id) DO UPDATE
         SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at, release_requested = false
         WHERE upload_locks.expires_at < now()
       RETURNING holder`,
      [this.id, this.holder, this.settings.ttlMs],
    );
    return rows.length === 1;
  }

  /** Extends the lock; true when someone asked for it or it was lost (lapsed and taken over). */
  private async renew(): Promise<boolean> {
    const [row] = await this.db.query<{ release_requested: boolean }>(
      `UPDATE upload_locks SET expires_at = now() + $3::integer * interval '1 millisecond'
       WHERE upload_id = $1 AND holder = $2 RETURNING release_requested`,
      [this.id, this.holder, this.settings.ttlMs],
    );
    return row ? row.release_requested : this.held;
  }
}
