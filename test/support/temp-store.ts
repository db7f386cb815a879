import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { Actor } from '../../main/records/ledger.js';
import { openStore } from '../../main/store/index.js';
import type { Store } from '../../main/store/index.js';

/**
 * A fresh station database file for each test, with the signed-in doctor `actor` on record
 * (every clinical write names one), removed after the test. Read `.store` inside a test.
 */
export function useTempStore(actor: Actor, displayName = '王医生'): { readonly store: Store; readonly dir: string } {
  let dir = '';
  let store: Store | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cunyi-store-'));
    store = openStore(join(dir, 'station.db'));
    store.db
      .prepare("INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES (?, ?, 'doctor', 'x', 'now')")
      .run(actor.userId, displayName);
  });
  afterEach(() => {
    store?.close();
    store = null;
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    get store(): Store {
      if (!store) throw new Error('the temporary store exists only inside a test');
      return store;
    },
    get dir(): string {
      return dir;
    },
  };
}
