import { ERRORS } from '@tus/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../db.js';
import type { HubDb } from '../db.js';
import { migrate } from '../migrate.js';
import { DbLocker } from './db-locker.js';

// Two lockers on one database stand for two hub processes: they share nothing but the table.
let db: HubDb;
const fast = { ttlMs: 400, renewMs: 50, pollMs: 20, acquireTimeoutMs: 2_000 };

beforeAll(async () => {
  db = await openPglite();
  await migrate(db);
}, 60_000);
afterAll(async () => db.close());

const never = new AbortController().signal;
const lockRows = () => db.query<{ holder: string }>('SELECT holder FROM upload_locks');

describe('DbLocker', () => {
  it('lets one holder at a time have an upload, and asks the holder to let go', async () => {
    const first = new DbLocker(db, fast).newLock('upload-a');
    const second = new DbLocker(db, fast).newLock('upload-a');
    let asked = 0;
    await first.lock(never, () => void (asked += 1));
    let secondHas = false;
    const waiting = second.lock(never, () => undefined).then(() => (secondHas = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(secondHas).toBe(false);
    expect(asked).toBe(1);
    await first.unlock();
    await waiting;
    expect(secondHas).toBe(true);
    await second.unlock();
    expect(await lockRows()).toEqual([]);
  });

  it('does not block other uploads', async () => {
    const a = new DbLocker(db, fast).newLock('upload-b');
    const b = new DbLocker(db, fast).newLock('upload-c');
    await a.lock(never, () => undefined);
    await b.lock(never, () => undefined);
    await Promise.all([a.unlock(), b.unlock()]);
  });

  it('takes over a lock whose holder stopped renewing it (a crashed hub process)', async () => {
    await db.query(
      `INSERT INTO upload_locks (upload_id, holder, expires_at) VALUES ('upload-d', 'dead', now() + interval '300 milliseconds')`,
    );
    const started = Date.now();
    const lock = new DbLocker(db, fast).newLock('upload-d');
    await lock.lock(never, () => undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await lockRows()).map((row) => row.holder)).not.toContain('dead');
    await lock.unlock();
  });

  it('keeps a live holder’s lock past its time to live by renewing it', async () => {
    const holder = new DbLocker(db, fast).newLock('upload-e');
    await holder.lock(never, () => undefined);
    await new Promise((resolve) => setTimeout(resolve, fast.ttlMs * 2));
    const waiter = new DbLocker(db, { ...fast, acquireTimeoutMs: 300 }).newLock('upload-e');
    await expect(waiter.lock(never, () => undefined)).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await holder.unlock();
  });

  it('gives up waiting when the request is aborted', async () => {
    const holder = new DbLocker(db, fast).newLock('upload-f');
    await holder.lock(never, () => undefined);
    const abort = new AbortController();
    const waiting = new DbLocker(db, fast).newLock('upload-f').lock(abort.signal, () => undefined);
    abort.abort();
    await expect(waiting).rejects.toBe(ERRORS.ERR_LOCK_TIMEOUT);
    await holder.unlock();
  });
});
