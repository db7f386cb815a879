import type Database from 'better-sqlite3';
import type { CallRecord } from '../../contract/consults/consult.js';
import type { CallReport } from '../../contract/consults/consults-domain.js';
import { StationError } from '../../contract/errors.js';
import { prepared } from '../store/prepared.js';
import { callRecord } from './consult-rows.js';

interface CallRow {
  call_id: string;
  consult_id: string;
  started_at: string;
  ended_at: string | null;
  steps: string;
}

/**
 * Records what the call page reports: a call's start (and the mode it started in), each
 * quality step, its end. History only, never media; a report for an unknown call is refused.
 */
export function recordCallReport(db: Database.Database, report: CallReport, at: string): CallRecord {
  return db
    .transaction(() => {
      const consult = prepared<[string], { state: string }>(db, 'SELECT state FROM consults WHERE consult_id = ?').get(
        report.consultId,
      );
      if (!consult) throw new StationError('not_found', { recordId: report.consultId });
      if (report.event === 'started') {
        prepared(
          db,
          `INSERT INTO consult_calls (call_id, consult_id, started_at, steps) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
        ).run(report.callId, report.consultId, at, JSON.stringify([]));
      }
      const row = prepared<[string, string], CallRow>(
        db,
        'SELECT * FROM consult_calls WHERE call_id = ? AND consult_id = ?',
      ).get(report.callId, report.consultId);
      if (!row) throw new StationError('not_found', { recordId: report.callId });
      if (report.event === 'step') {
        const steps = [
          ...(JSON.parse(row.steps) as unknown[]),
          { at, from: report.from, to: report.to, reason: report.reason },
        ];
        prepared(db, 'UPDATE consult_calls SET steps = ? WHERE call_id = ?').run(JSON.stringify(steps), report.callId);
      }
      if (report.event === 'ended')
        prepared(db, 'UPDATE consult_calls SET ended_at = coalesce(ended_at, ?) WHERE call_id = ?').run(
          at,
          report.callId,
        );
      const updated = prepared<[string], CallRow>(db, 'SELECT * FROM consult_calls WHERE call_id = ?').get(
        report.callId,
      );
      if (!updated) throw new StationError('not_found', { recordId: report.callId });
      return callRecord(updated);
    })
    .immediate();
}
