import { describe, expect, it } from 'vitest';
import { PatientInput } from '../../../contract/records/patient.js';
import { registerPatient } from '../../records/register-patient.js';
import { verifyAudit } from '../../records/verify-audit.js';
import { useTempStore } from '../../../test/support/temp-store.js';
import { openStore } from '../open-store.js';
import { shippedMigrations } from './index.js';

const actor = { userId: 'u-1', stationId: 's-1' };
const temp = useTempStore(actor);

describe('migration 5 (devices)', () => {
  it('rebuilds records under a database holding patients: every row, reference and guard survives', () => {
    const path = `${temp.dir}/older.db`;
    const older = openStore(path, { migrations: shippedMigrations.slice(0, 4) });
    older.db
      .prepare(
        "INSERT INTO users (id, display_name, role, pin_hash, created_at) VALUES ('u-1', 'Dr', 'doctor', 'x', 'now')",
      )
      .run();
    const { id } = registerPatient(
      older.db,
      actor,
      PatientInput.parse({
        name: '李四',
        sex: 'male',
        birthDate: '1960-02-03',
        village: '东风村',
        consent: { telemedicine: true, shareWithHub: false },
      }),
    );
    const before = older.db.prepare('SELECT * FROM records ORDER BY id, version').all();
    older.close();

    const store = openStore(path);
    expect(store.schemaVersion).toBe(shippedMigrations.length);
    expect(store.db.prepare('SELECT * FROM records ORDER BY id, version').all()).toEqual(before);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    expect(verifyAudit(store.db).ok).toBe(true);
    // The guards came back with the table.
    expect(() => store.db.prepare("UPDATE records SET status = 'x' WHERE id = ?").run(id)).toThrow(/immutable/);
    expect(() => store.db.prepare('DELETE FROM records WHERE id = ?').run(id)).toThrow(/immutable/);
    // Types are a table now: an unknown one is refused by its foreign key.
    expect(() =>
      store.db
        .prepare(
          `INSERT INTO records (id, version, type, patient_id, status, body, recorded_at, recorded_by, station_id)
           VALUES ('x', 1, 'Spaceship', ?, 'final', '{}', 'now', 'u-1', 's-1')`,
        )
        .run(id),
    ).toThrow(/FOREIGN KEY/);
    store.close();
  });
});
