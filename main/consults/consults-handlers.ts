import type Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import type { HandlersOf } from '../../contract/define.js';
import type { IceConfig } from '../../contract/consults/signal.js';
import type { StationContract } from '../../contract/index.js';
import type { Actor } from '../records/ledger.js';
import type { CallRelay } from './call-relay.js';
import { recordCallReport } from './consult-calls.js';
import { addConsultPhoto } from './consult-photos.js';
import { getConsult, openConsults, patientConsults } from './consult-rows.js';
import { cancelConsult, requestConsult } from './request-consult.js';

/** Announces that a consult changed (asked, cancelled, updated by the hub, a call reported). */
export class ConsultChanges extends EventEmitter<{ changed: [string] }> {
  /** After the current transaction: listeners read the committed state. */
  announce(consultId: string): void {
    setImmediate(() => this.emit('changed', consultId));
  }
}

export interface ConsultsDeps {
  db: Database.Database;
  requireActor: () => Actor;
  changes: ConsultChanges;
  relay: CallRelay;
  /** ICE servers for a consult's call, from the hub. */
  iceConfig: (consultId: string) => Promise<IceConfig>;
}

export function consultsHandlers(deps: ConsultsDeps): HandlersOf<StationContract>['consults'] {
  const { db, requireActor, changes, relay } = deps;
  const now = () => new Date().toISOString();
  return {
    addPhoto: (input) => ({ photoId: addConsultPhoto(db, requireActor(), input, now()) }),
    request: (input) => {
      const consultId = requestConsult(db, requireActor(), input, now());
      changes.announce(consultId);
      return getConsult(db, consultId);
    },
    list: ({ patientId }) => {
      requireActor();
      return patientConsults(db, patientId);
    },
    open: () => {
      requireActor();
      return openConsults(db);
    },
    get: ({ consultId }) => {
      requireActor();
      return getConsult(db, consultId);
    },
    cancel: ({ consultId }) => {
      cancelConsult(db, requireActor(), consultId, now());
      changes.announce(consultId);
      return getConsult(db, consultId);
    },
    changes: (_input, emit) => {
      requireActor();
      const listener = (consultId: string) => emit(getConsult(db, consultId));
      changes.on('changed', listener);
      return () => void changes.off('changed', listener);
    },
    iceConfig: async ({ consultId }) => {
      requireActor();
      getConsult(db, consultId);
      return deps.iceConfig(consultId);
    },
    signal: ({ consultId, data }) => {
      requireActor();
      getConsult(db, consultId);
      relay.send(consultId, data);
      return {};
    },
    callEvents: ({ consultId }, emit) => {
      requireActor();
      getConsult(db, consultId);
      return relay.listen(consultId, emit);
    },
    report: (report) => {
      requireActor();
      const call = recordCallReport(db, report, now());
      changes.announce(report.consultId);
      return call;
    },
  };
}
