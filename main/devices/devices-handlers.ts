import type Database from 'better-sqlite3';
import type { HandlersOf } from '../../contract/define.js';
import { StationError } from '../../contract/errors.js';
import type { StationContract } from '../../contract/index.js';
import type { Driver } from '../../drivers/core/driver.js';
import { isDriverError } from '../../drivers/core/errors.js';
import { usbIdText } from '../../drivers/core/registry.js';
import type { Actor } from '../records/ledger.js';
import { requireOpenVisit } from '../records/visits.js';
import { collectStrip } from './collect-strip.js';
import { confirmReadings } from './confirm-readings.js';
import { storeEcgStrip } from './ecg-record.js';
import type { DeviceManager } from './device-manager.js';
import type { SimulatorRig } from './device-service.js';
import { saveDeviceSettings } from './device-settings.js';
import type { LiveFeed } from './live-feed.js';
import type { DeviceSettings } from '../../contract/devices/devices-domain.js';

export interface DevicesDeps {
  db: Database.Database;
  requireActor: () => Actor;
  drivers: readonly Driver[];
  /** The current manager; settings that switch source replace it. */
  manager: () => DeviceManager;
  feed: LiveFeed;
  /** Applies new settings (restarting the manager if the source changed). */
  apply: (settings: DeviceSettings) => Promise<void>;
  settings: () => DeviceSettings;
  simulators: () => SimulatorRig | null;
}

/** The devices calls. Everything that shows or stores readings needs a signed-in doctor. */
export function devicesHandlers(deps: DevicesDeps): HandlersOf<StationContract>['devices'] {
  const { db, requireActor, manager, feed } = deps;
  return {
    list: () => manager().list(),
    drivers: () =>
      deps.drivers.map((d) => ({
        id: d.id,
        category: d.category,
        manufacturer: d.manufacturer,
        model: d.model,
        link: d.link,
        usb: d.usb.map(usbIdText),
      })),
    live: (_input, emit) => {
      requireActor();
      const m = manager();
      const { unsubscribe } = feed.subscribe(emit, [
        { type: 'devices', devices: m.list() },
        ...m
          .pendingReadings()
          .reverse()
          .map((reading) => ({ type: 'reading' as const, reading })),
      ]);
      return unsubscribe;
    },
    ack: ({ feed: id, n }) => {
      if (!feed.ack(id, n)) throw new StationError('not_found', { recordId: id });
      return {};
    },
    pending: () => {
      requireActor();
      return manager().pendingReadings();
    },
    confirm: ({ visitId, readingIds }) => {
      const actor = requireActor();
      const { found, missing } = manager().take(readingIds);
      if (missing.length > 0) throw new StationError('reading_gone', { recordId: missing[0] });
      const observationIds = confirmReadings(db, actor, visitId, found);
      manager().markConfirmed(readingIds);
      manager().forget(readingIds);
      return { observationIds };
    },
    discard: ({ readingIds }) => {
      requireActor();
      manager().forget(readingIds);
      return {};
    },
    download: async ({ deviceKey }) => {
      requireActor();
      const session = manager().session(deviceKey);
      if (!session?.download) throw new StationError('device_unavailable', { recordId: deviceKey });
      // The session may deliver readings as events while downloading, as well as in its
      // result: count what is new on the pending list, whichever way it came.
      const waiting = () =>
        new Set(
          manager()
            .pendingReadings()
            .filter((p) => p.deviceKey === deviceKey && p.stored)
            .map((p) => p.id),
        );
      const before = waiting();
      const download = session.download.bind(session);
      const measurements = await download().catch((error: unknown) => {
        // What arrived before the failure stays pending; the doctor is told the rest did not.
        throw isDriverError(error) ? new StationError('device_error', { recordId: deviceKey }) : error;
      });
      manager().addDownloaded(deviceKey, measurements);
      return { readings: [...waiting()].filter((id) => !before.has(id)).length };
    },
    recordEcg: async ({ visitId, deviceKey, seconds }) => {
      // Checked before and after the recording: the doctor may lock the screen or close the
      // visit meanwhile, and the strip is written by whoever is signed in when it completes.
      requireActor();
      requireOpenVisit(db, visitId);
      const session = manager().session(deviceKey);
      const device = manager()
        .list()
        .find((d) => d.key === deviceKey);
      if (!session || device?.category !== 'ecg') throw new StationError('device_unavailable', { recordId: deviceKey });
      const strip = await collectStrip(manager(), deviceKey, seconds);
      const observationId = storeEcgStrip(db, requireActor(), visitId, strip, session.identity);
      return {
        observationId,
        seconds: (strip.steps[0]?.length ?? 0) / strip.sampleRate,
        missingSamples: strip.gaps.reduce((n, [, count]) => n + count, 0),
      };
    },
    simulate: async ({ device, action }) => {
      const rig = deps.simulators();
      if (!rig) throw new StationError('device_unavailable', { recordId: device });
      if (action !== 'status' && !(await rig.act(device, action))) {
        throw new StationError('device_unavailable', { recordId: device });
      }
      // Let the manager see a cable pulled or plugged back before answering.
      if (action === 'unplug' || action === 'replug') await manager().refresh();
      return { devices: rig.devices() };
    },
    settings: () => deps.settings(),
    saveSettings: async (settings) => {
      requireActor();
      saveDeviceSettings(db, settings);
      await deps.apply(settings);
      return deps.settings();
    },
  };
}
