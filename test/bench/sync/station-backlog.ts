import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { appendRecord } from '../../../main/records/ledger.js';
import type { Actor } from '../../../main/records/ledger.js';
import { stationIdentity } from '../../../main/station/station-identity.js';
import { openStore } from '../../../main/store/index.js';
import type { Store } from '../../../main/store/index.js';
import type { BenchRecord } from '../lib/fhir-vitals.js';

/** A station database of its own, with the doctor who recorded the backlog. */
export interface BenchStation {
  store: Store;
  stationId: string;
  actor: Actor;
  dir: string;
}

export function benchStation(): BenchStation {
  const dir = mkdtempSync(join(tmpdir(), 'cunyi-bench-sync-'));
  const store = openStore(join(dir, 'station.db'));
  const stationId = stationIdentity(store.db);
  const userId = '00000000-0000-7000-8000-00000000d0c7';
  store.db
    .prepare(
      "INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES (?, '演示医生', 'doctor', 'x', 'now')",
    )
    .run(userId);
  return { store, stationId, actor: { userId, stationId }, dir };
}

const reference = (body: Record<string, unknown>, field: string): string | null => {
  const ref = (body[field] as { reference?: string } | undefined)?.reference;
  return ref ? (ref.split('/')[1] ?? null) : null;
};

/**
 * Writes records as the station writes them: record, outbox entry and audit entry, one
 * committed transaction each (committing 10,000 one by one is what a week offline is).
 */
export function writeRecords(
  db: Database.Database,
  actor: Actor,
  records: BenchRecord[],
  lane: 'routine' | 'emergency' = 'routine',
): void {
  const write = db.transaction((record: BenchRecord) => {
    const body = JSON.parse(record.body) as Record<string, unknown>;
    appendRecord(
      db,
      actor,
      {
        id: record.id,
        version: 1,
        type: 'Observation',
        patientId: reference(body, 'subject') ?? record.id,
        encounterId: reference(body, 'encounter'),
        status: 'final',
        body,
      },
      'record-vital',
      new Date().toISOString(),
      lane,
    );
  });
  for (const record of records) write.immediate(record);
}
