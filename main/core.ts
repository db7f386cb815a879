import { join } from 'node:path';
import { createDispatcher } from '../contract/dispatcher.js';
import type { Dispatcher } from '../contract/dispatcher.js';
import { stationContract } from '../contract/index.js';
import type { StationInfo } from '../contract/index.js';
import type { Logger } from './logger.js';
import { authHandlers } from './auth/auth-handlers.js';
import { devicesHandlers } from './devices/devices-handlers.js';
import { DeviceService } from './devices/device-service.js';
import type { SimulatorRig } from './devices/device-service.js';
import type { Driver } from '../drivers/core/driver.js';
import { StationSession } from './auth/session.js';
import { patientsHandlers, visitsHandlers } from './records/records-handlers.js';
import { verifyAudit } from './records/verify-audit.js';
import { openStore } from './store/index.js';
import { connectHub } from './station/hub-link.js';
import type { HubLink } from './station/hub-link.js';
import { lastHubContact, recordHubContact, stationIdentity } from './station/station-identity.js';
import { StationStatusBoard, stationHandlers } from './station/station-service.js';
import { createRequestSigner } from './sync/request-signer.js';
import { stationKeys } from './sync/station-keys.js';
import { applyPulledDemographics, hubActor } from './records/demographics/index.js';
import { SyncEngine } from './sync/sync-engine.js';
import type { SyncEngineOptions } from './sync/sync-engine.js';
import { syncHandlers } from './sync/sync-handlers.js';
import { applyConsultUpdate } from './consults/apply-consult-update.js';
import { CallRelay } from './consults/call-relay.js';
import { ConsultChanges, consultsHandlers } from './consults/consults-handlers.js';
import { fetchIceConfig } from './consults/ice-config.js';
import { hubClient } from './sync/hub-http.js';

export interface CoreOptions {
  /** Folder holding station.db and everything else the station keeps. */
  dataDir: string;
  /** The hub to talk to; null runs the station alone. */
  hubUrl: string | null;
  mode: 'browser' | 'electron';
  appVersion: string;
  logger: Logger;
  /** A better-sqlite3 addon built for Electron's ABI; absent in Node. */
  nativeBinding?: string;
  /** Idle time after which the screen locks; 5 minutes unless configured. */
  lockAfterMs?: number;
  /** Demo mode: seeds a demo doctor with this PIN (never in production). */
  demoDoctorPin?: string;
  /** The device drivers the station has. */
  drivers?: readonly Driver[];
  /** One-time code to enroll with the hub on first contact. */
  enrollmentCode?: string;
  /** Tuning of the sync loop (tests and benches); production uses the defaults. */
  sync?: Pick<SyncEngineOptions, 'batch' | 'idleMs' | 'backoffMs' | 'routineDelayMs' | 'requestTimeoutMs'>;
  /** Demo mode: simulated devices unless the doctor switches to real ports in settings. */
  simulators?: () => Promise<SimulatorRig>;
}

/** The demo doctor's fixed id, so restarts of a demo station keep one account. */
export const DEMO_DOCTOR_ID = '00000000-0000-7000-8000-00000000d0c7';

/** The running station core: one dispatcher that every shell drives. */
export interface Core {
  readonly dispatcher: Dispatcher;
  readonly info: StationInfo;
  close(): Promise<void>;
}

/** The database file inside a data folder. */
export function databasePath(dataDir: string): string {
  return join(dataDir, 'station.db');
}

/**
 * The composition root: opens the store and starts the services. Plain Node, so it runs the
 * same in browser mode and in Electron's utility process.
 */
export async function startCore(options: CoreOptions): Promise<Core> {
  const { logger } = options;
  const store = openStore(databasePath(options.dataDir), { nativeBinding: options.nativeBinding });
  const stationId = stationIdentity(store.db);
  const info: StationInfo = {
    stationId,
    appVersion: options.appVersion,
    mode: options.mode,
    database: {
      path: store.path,
      schemaVersion: store.schemaVersion,
      shippedSchemaVersion: store.shippedSchemaVersion,
    },
    startedAt: new Date().toISOString(),
  };
  logger.info({ stationId, schemaVersion: store.schemaVersion, mode: options.mode }, 'station core started');

  // WAL checkpoints between writes rather than inside one (see openStore).
  const checkpoints = setInterval(() => {
    try {
      store.checkpoint();
    } catch (error) {
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'checkpoint failed');
    }
  }, 1_000);
  checkpoints.unref();

  const session = new StationSession(store.db, stationId, options.lockAfterMs ?? 5 * 60_000);
  if (options.demoDoctorPin !== undefined)
    session.ensureUser(DEMO_DOCTOR_ID, '演示医生', 'doctor', options.demoDoctorPin);

  const hubUrl = options.hubUrl;
  const board = new StationStatusBoard(hubUrl, hubUrl ? lastHubContact(store.db, hubUrl) : null);
  let hub: HubLink | null = null;
  if (hubUrl) {
    hub = connectHub({
      hubUrl,
      stationId,
      appVersion: options.appVersion,
      logger,
      // The socket is signed with the key the sync engine enrolls, so it opens once enrolled.
      sign: createRequestSigner(stationId, stationKeys(store.db).privateKey),
      onContact: () => {
        const at = new Date().toISOString();
        recordHubContact(store.db, hubUrl, at);
        board.setLastContact(at);
      },
    });
    hub.on('state', (state) => {
      logger.info({ state }, 'hub link');
      board.setHubState(state);
    });
  }
  const consultChanges = new ConsultChanges();
  const sync = hubUrl
    ? new SyncEngine({
        db: store.db,
        hubUrl,
        stationId,
        appVersion: options.appVersion,
        logger,
        ...(options.enrollmentCode ? { enrollmentCode: options.enrollmentCode } : {}),
        appliers: {
          demographics: (db, payload) => applyPulledDemographics(db, hubActor(stationId), payload),
          consult: (db, payload) =>
            consultChanges.announce(applyConsultUpdate(db, hubActor(stationId), payload, new Date().toISOString())),
        },
        ...options.sync,
        // The link has been refused until now and would wait out its backoff.
        onEnrolled: () => hub?.retryNow(),
      })
    : null;
  // The link coming back is the moment to sync, not the end of a backoff period.
  hub?.on('state', (state) => {
    if (state === 'online') sync?.wake();
  });
  sync?.start();

  const verify = () => {
    session.requireActor();
    return verifyAudit(store.db);
  };
  const records = { db: store.db, stationId, requireActor: () => session.requireActor() };
  const drivers = options.drivers ?? [];
  const devices = await DeviceService.start({
    db: store.db,
    drivers,
    logger,
    defaultSource: options.simulators ? 'simulated' : 'real',
    ...(options.simulators ? { createRig: options.simulators } : {}),
  });
  const relay = new CallRelay(hub, logger, () => sync?.wake());
  const hubCall = hubUrl
    ? hubClient({ hubUrl, signer: createRequestSigner(stationId, stationKeys(store.db).privateKey), timeoutMs: 10_000 })
    : null;
  const handlers = {
    consults: consultsHandlers({
      ...records,
      changes: consultChanges,
      relay,
      iceConfig: (consultId) => fetchIceConfig(hubCall, consultId),
    }),
    station: stationHandlers(info, board, verify),
    auth: authHandlers(session),
    sync: syncHandlers(store.db, sync, () => session.requireActor()),
    patients: patientsHandlers(records),
    visits: visitsHandlers(records),
    devices: devicesHandlers({
      ...records,
      drivers,
      manager: () => devices.manager(),
      feed: devices.feed,
      apply: (settings) => devices.apply(settings),
      settings: () => devices.currentSettings(),
      simulators: () => devices.simulators(),
    }),
  };
  const dispatcher = createDispatcher(stationContract, handlers, (channel, error) =>
    logger.error({ channel, err: error instanceof Error ? error.message : String(error) }, 'handler failed'),
  );

  return {
    dispatcher,
    info,
    close: async () => {
      clearInterval(checkpoints);
      hub?.close();
      await sync?.close();
      await devices.close();
      session.close();
      store.close();
    },
  };
}
