import type Database from 'better-sqlite3';
import type { HandlersOf } from '../../contract/define.js';
import type { StationContract } from '../../contract/index.js';
import type { RejectedRecord, SyncStatus } from '../../contract/sync/station-sync.js';
import type { Actor } from '../records/ledger.js';
import { prepared } from '../store/prepared.js';
import type { SyncEngine } from './sync-engine.js';

const NOT_CONFIGURED: SyncStatus = {
  state: 'not_configured',
  hubUrl: null,
  waiting: { emergency: 0, consult: 0, routine: 0 },
  lastSyncAt: null,
  estimateSeconds: null,
  needsAttention: 0,
  lastError: null,
};

interface RejectionRow {
  record_id: string;
  record_version: number;
  type: string;
  patient_id: string;
  patient_name: string | null;
  lane: RejectedRecord['lane'];
  reason: string;
  detail: string;
  recorded_at: string;
  rejected_at: string;
}

/** Records the hub refused, newest first, with the patient's name so the doctor can find them. */
export function rejectedRecords(db: Database.Database): RejectedRecord[] {
  return prepared<[], RejectionRow>(
    db,
    `SELECT s.record_id, s.record_version, r.type, r.patient_id, p.name AS patient_name, s.lane, s.reason, s.detail,
            r.recorded_at, s.rejected_at
     FROM sync_rejections s
     JOIN records r ON r.id = s.record_id AND r.version = s.record_version
     LEFT JOIN patient_index p ON p.patient_id = r.patient_id
     ORDER BY s.rejected_at DESC LIMIT 500`,
  )
    .all()
    .map((row) => ({
      recordId: row.record_id,
      version: row.record_version,
      type: row.type,
      patientId: row.patient_id,
      patientName: row.patient_name,
      lane: row.lane,
      reason: row.reason,
      detail: row.detail,
      recordedAt: row.recorded_at,
      rejectedAt: row.rejected_at,
    }));
}

/** The `sync` domain's handlers; without a hub the station reports `not_configured`. */
export function syncHandlers(
  db: Database.Database,
  engine: SyncEngine | null,
  requireActor: () => Actor,
): HandlersOf<StationContract>['sync'] {
  return {
    status: () => engine?.status() ?? NOT_CONFIGURED,
    statusChanges: (_input, emit) => {
      emit(engine?.status() ?? NOT_CONFIGURED);
      return engine ? engine.subscribe(emit) : () => undefined;
    },
    needsAttention: () => {
      requireActor();
      return rejectedRecords(db);
    },
    syncNow: () => {
      requireActor();
      engine?.wake();
      return { started: engine !== null };
    },
  };
}
