import { EventEmitter } from 'node:events';
import type { StationContract, StationInfo, StationStatus } from '../../contract/index.js';
import type { HandlersOf } from '../../contract/define.js';
import type { HubState } from '../../contract/station.js';
import type { AuditReport } from '../../contract/records/audit.js';

/** Holds the station's live status and fans changes out to subscribers. */
export class StationStatusBoard {
  private readonly changes = new EventEmitter<{ change: [StationStatus] }>();
  private current: StationStatus;

  constructor(hubUrl: string | null, lastContactAt: string | null) {
    this.current = { hub: { url: hubUrl, state: hubUrl ? 'connecting' : 'not_configured', lastContactAt } };
    // Each renderer window holds one subscription; a high ceiling only silences the leak warning.
    this.changes.setMaxListeners(100);
  }

  get status(): StationStatus {
    return this.current;
  }

  setHubState(state: HubState): void {
    this.update({ hub: { ...this.current.hub, state } });
  }

  setLastContact(at: string): void {
    this.update({ hub: { ...this.current.hub, lastContactAt: at } });
  }

  subscribe(listener: (status: StationStatus) => void): () => void {
    this.changes.on('change', listener);
    return () => this.changes.off('change', listener);
  }

  private update(next: StationStatus): void {
    this.current = next;
    this.changes.emit('change', next);
  }
}

/** The `station` domain's handlers. */
export function stationHandlers(
  info: StationInfo,
  board: StationStatusBoard,
  verifyAudit: () => AuditReport,
): HandlersOf<StationContract>['station'] {
  return {
    verifyAudit,
    info: () => info,
    status: () => board.status,
    statusChanges: (_input, emit) => {
      emit(board.status);
      return board.subscribe(emit);
    },
  };
}
