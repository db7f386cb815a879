import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SessionState } from '../../contract/auth.js';
import { verifyAudit } from '../records/verify-audit.js';
import { openStore } from '../store/index.js';
import type { Store } from '../store/index.js';
import { StationSession } from './session.js';

let dir: string;
let store: Store;
let clock = 0;

function session(lockAfterMs = 60_000): StationSession {
  return new StationSession(store.db, 'station-1', lockAfterMs, () => clock);
}

beforeEach(() => {
  clock = Date.UTC(2026, 10, 22);
  dir = mkdtempSync(join(tmpdir(), 'cunyi-session-'));
  store = openStore(join(dir, 'station.db'));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return 'no error';
};

describe('station session', () => {
  it('a new station needs its first account; it can be created once', () => {
    const s = session();
    expect(s.state()).toEqual({ state: 'signed_out', needsSetup: true });
    const state = s.createFirstUser('王医生', '2468');
    expect(state).toMatchObject({ state: 'active', user: { displayName: '王医生', role: 'admin' } });
    expect(code(() => s.createFirstUser('Intruder', '1111'))).toBe('forbidden_sender');
    expect(s.users().map((u) => u.displayName)).toEqual(['王医生']);
  });

  it('refuses writes until someone signs in, and records who did', () => {
    const s = session();
    s.ensureUser('u-1', '李医生', 'doctor', '1234');
    expect(code(() => s.requireActor())).toBe('not_signed_in');
    s.signIn('u-1', '1234');
    expect(s.requireActor()).toEqual({ userId: 'u-1', stationId: 'station-1' });
    const actions = store.db.prepare('SELECT action, user_id FROM audit_log').all();
    expect(actions).toEqual([{ action: 'sign-in', user_id: 'u-1' }]);
    expect(verifyAudit(store.db).ok).toBe(true);
  });

  it('never stores the PIN itself', () => {
    session().ensureUser('u-1', '李医生', 'doctor', '135790');
    const row = store.db.prepare("SELECT pin_hash FROM users WHERE id = 'u-1'").get() as { pin_hash: string };
    expect(row.pin_hash).toMatch(/^scrypt\$/);
    expect(row.pin_hash).not.toContain('135790');
  });

  it('refuses a wrong PIN and locks the account out after five tries for a minute', () => {
    const s = session();
    s.ensureUser('u-1', '李医生', 'doctor', '1234');
    for (let i = 0; i < 4; i++) expect(code(() => s.signIn('u-1', '0000'))).toBe('wrong_pin');
    expect(code(() => s.signIn('u-1', '0000'))).toBe('pin_locked_out');
    expect(code(() => s.signIn('u-1', '1234'))).toBe('pin_locked_out');
    clock += 61_000;
    expect(s.signIn('u-1', '1234').state).toBe('active');
  });

  it('gives the same answer for an unknown user as for a wrong PIN', () => {
    expect(code(() => session().signIn('nobody', '1234'))).toBe('wrong_pin');
  });

  it('locks itself after the idle time; only the same PIN unlocks', async () => {
    const s = session(50);
    s.ensureUser('u-1', '李医生', 'doctor', '1234');
    const seen: SessionState['state'][] = [];
    s.subscribe((state) => seen.push(state.state));
    s.signIn('u-1', '1234');
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(s.state().state).toBe('locked');
    expect(code(() => s.requireActor())).toBe('locked');
    expect(code(() => s.unlock('9999'))).toBe('wrong_pin');
    expect(s.unlock('1234').state).toBe('active');
    expect(seen).toEqual(['active', 'locked', 'active']);
    s.close();
  });

  it('activity keeps the lock away', async () => {
    const s = session(80);
    s.ensureUser('u-1', '李医生', 'doctor', '1234');
    s.signIn('u-1', '1234');
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      s.requireActor();
    }
    expect(s.state().state).toBe('active');
    s.close();
  });
});
