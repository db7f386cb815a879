import { describe, expect, it } from 'vitest';
import { useTempStore } from '../../test/support/temp-store.js';
import { appendAudit, appendRecord } from './ledger.js';
import type { Actor } from './ledger.js';
import { verifyAudit } from './verify-audit.js';

const actor: Actor = { userId: 'u-1', stationId: 's-1' };
const temp = useTempStore(actor, 'Dr');

function write(id: string, version: number, body: unknown = { note: `${id}@${version}` }): void {
  temp.store.db.transaction(() =>
    appendRecord(
      temp.store.db,
      actor,
      { id, version, type: 'Observation', patientId: 'p-1', encounterId: null, status: 'final', body },
      'create',
      new Date().toISOString(),
    ),
  )();
}

function seed(): void {
  write('r-1', 1);
  write('r-2', 1);
  write('r-1', 2, { note: 'amended' });
  temp.store.db.transaction(() => appendAudit(temp.store.db, actor, 'sign-in', new Date().toISOString()))();
}

/** What an attacker with the file can do: drop our guard and change rows. */
function unguarded(sql: string, ...params: unknown[]): void {
  temp.store.db.exec(
    'DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete; DROP TRIGGER IF EXISTS records_no_update;',
  );
  temp.store.db.prepare(sql).run(...params);
}

describe('ledger', () => {
  it('writes the record, its outbox entry and its audit entry together', () => {
    write('r-1', 1);
    const count = (table: string) =>
      (temp.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('records'), count('outbox'), count('audit_log')]).toEqual([1, 1, 1]);
    expect(temp.store.db.prepare('SELECT lane FROM outbox').get()).toEqual({ lane: 'routine' });
  });

  it('writes nothing when the transaction fails part-way', () => {
    write('r-1', 1);
    expect(() => write('r-1', 1)).toThrow(/UNIQUE|PRIMARY KEY/);
    const count = (table: string) =>
      (temp.store.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count('records'), count('outbox'), count('audit_log')]).toEqual([1, 1, 1]);
    expect(verifyAudit(temp.store.db).ok).toBe(true);
  });

  it('refuses to run outside a transaction', () => {
    expect(() =>
      appendRecord(
        temp.store.db,
        actor,
        { id: 'x', version: 1, type: 'Observation', patientId: 'p', encounterId: null, status: 'final', body: {} },
        'create',
        'now',
      ),
    ).toThrow(/inside a transaction/);
  });

  it('the database refuses updates and deletes of records and audit entries', () => {
    seed();
    expect(() => temp.store.db.prepare("UPDATE records SET body = '{}'").run()).toThrow(/immutable/);
    expect(() => temp.store.db.prepare('DELETE FROM records').run()).toThrow(/immutable/);
    expect(() => temp.store.db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
    expect(() => temp.store.db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
  });
});

describe('verifyAudit', () => {
  it('passes an untouched log', () => {
    seed();
    expect(verifyAudit(temp.store.db)).toEqual({ ok: true, entries: 4, problems: [] });
  });

  it('detects an edited audit entry', () => {
    seed();
    unguarded("UPDATE audit_log SET user_id = 'someone-else' WHERE seq = 2");
    expect(verifyAudit(temp.store.db).problems).toContainEqual({ kind: 'edited_entry', seq: 2 });
  });

  it('detects an entry deleted from the middle', () => {
    seed();
    unguarded('DELETE FROM audit_log WHERE seq = 2');
    const kinds = verifyAudit(temp.store.db).problems.map((p) => p.kind);
    expect(kinds).toContain('missing_entry');
    expect(kinds).toContain('broken_link');
  });

  it('detects the last entry deleted (a truncated tail)', () => {
    seed();
    unguarded('DELETE FROM audit_log WHERE seq = 4');
    expect(verifyAudit(temp.store.db).problems).toContainEqual({ kind: 'truncated', seq: 4 });
  });

  it('detects a re-hashed forgery that rewrote the whole chain but not the head', () => {
    seed();
    // Changing an entry and recomputing every later hash still leaves the recorded head behind.
    unguarded(
      "UPDATE audit_log SET hash = (CASE substr(hash, 1, 1) WHEN 'f' THEN 'e' ELSE 'f' END) || substr(hash, 2) WHERE seq = 4",
    );
    expect(verifyAudit(temp.store.db).ok).toBe(false);
  });

  it('detects an edited record body and a record with no audit entry', () => {
    seed();
    unguarded('UPDATE records SET body = \'{"note":"changed"}\' WHERE id = \'r-2\'');
    temp.store.db.exec('DROP TRIGGER IF EXISTS records_no_delete');
    temp.store.db
      .prepare(
        "INSERT INTO records (id, version, type, patient_id, encounter_id, status, body, recorded_at, recorded_by, station_id) VALUES ('r-9', 1, 'Observation', 'p', NULL, 'final', '{}', 'now', 'u-1', 's-1')",
      )
      .run();
    const problems = verifyAudit(temp.store.db).problems;
    expect(problems).toContainEqual({ kind: 'edited_record', recordId: 'r-2', version: 1 });
    expect(problems).toContainEqual({ kind: 'unaudited_record', recordId: 'r-9', version: 1 });
  });
});
