import type Database from 'better-sqlite3';
import type { AuditReport } from '../../contract/records/audit.js';
import { auditHash, GENESIS_HASH, sha256 } from './ledger.js';
import type { AuditFields } from './ledger.js';

type AuditRow = AuditFields & { seq: number; hash: string };

/**
 * Walks the audit chain and the records it vouches for. Finds an edited entry (its hash no
 * longer matches), a deleted one (a gap in the sequence or a broken link), a truncated tail
 * (the recorded head is missing), and an edited or unaudited record version.
 */
export function verifyAudit(db: Database.Database): AuditReport {
  const problems: AuditReport['problems'] = [];
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let entries = 0;
  const audited = new Map<string, string | null>();
  for (const row of db.prepare<[], AuditRow>('SELECT * FROM audit_log ORDER BY seq').iterate()) {
    entries++;
    if (row.seq !== expectedSeq) problems.push({ kind: 'missing_entry', seq: expectedSeq });
    if (row.prev_hash !== expectedPrev) problems.push({ kind: 'broken_link', seq: row.seq });
    if (auditHash(row) !== row.hash) problems.push({ kind: 'edited_entry', seq: row.seq });
    if (row.record_id !== null) audited.set(`${row.record_id}@${String(row.record_version)}`, row.body_sha256);
    expectedPrev = row.hash;
    expectedSeq = row.seq + 1;
  }
  const head = db.prepare<[], { value: string }>("SELECT value FROM station_meta WHERE key = 'audit_head'").get();
  if (head && head.value !== `${String(expectedSeq - 1)}:${expectedPrev}`)
    problems.push({ kind: 'truncated', seq: expectedSeq });
  if (!head && entries > 0) problems.push({ kind: 'truncated', seq: expectedSeq });

  const records = db
    .prepare<[], { id: string; version: number; body: string }>('SELECT id, version, body FROM records')
    .iterate();
  for (const record of records) {
    const key = `${record.id}@${String(record.version)}`;
    const digest = audited.get(key);
    if (digest === undefined) problems.push({ kind: 'unaudited_record', recordId: record.id, version: record.version });
    else if (digest !== sha256(record.body))
      problems.push({ kind: 'edited_record', recordId: record.id, version: record.version });
  }
  return { ok: problems.length === 0, entries, problems: problems.slice(0, 100) };
}
