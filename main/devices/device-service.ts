import type Database from 'better-sqlite3';
import type { DeviceSettings } from '../../contract/devices/devices-domain.js';
import type { Driver } from '../../drivers/core/driver.js';
import type { Logger } from '../logger.js';
import { DeviceManager } from './device-manager.js';
import { loadDeviceSettings } from './device-settings.js';
import { LiveFeed } from './live-feed.js';
import { realPorts } from './port-access.js';
import type { PortAccess } from './port-access.js';

/** A set of simulated devices behind the same port interface real ones have. */
export interface SimulatorRig extends PortAccess {
  /** Which driver serves which simulated port (the rig's own assignments). */
  readonly assignments: DeviceSettings['assignments'];
  /** Acts on a simulated device by name (unplug, replug, finger-out …); false if unknown. */
  act(name: string, action: string): Promise<boolean>;
  devices(): { name: string; driver: string; plugged: boolean }[];
  close(): Promise<void>;
}

export interface DeviceServiceOptions {
  db: Database.Database;
  drivers: readonly Driver[];
  logger: Logger;
  /** Where devices come from until the doctor saves settings: simulators in demo mode. */
  defaultSource: DeviceSettings['source'];
  /** Builds the simulators; absent where the station must only ever use real ports. */
  createRig?: () => Promise<SimulatorRig>;
  pollMs?: number;
}

/**
 * Owns the device manager and switches it between real ports and simulators when settings
 * change. Real ports use the doctor's assignments; simulators bring their own.
 */
export class DeviceService {
  readonly feed = new LiveFeed();
  private current!: DeviceManager;
  private rig: SimulatorRig | null = null;
  private settings: DeviceSettings;

  private constructor(private readonly options: DeviceServiceOptions) {
    this.settings = loadDeviceSettings(options.db, { source: options.defaultSource, assignments: [] });
  }

  static async start(options: DeviceServiceOptions): Promise<DeviceService> {
    const service = new DeviceService(options);
    await service.build();
    return service;
  }

  manager(): DeviceManager {
    return this.current;
  }

  currentSettings(): DeviceSettings {
    return this.settings;
  }

  async apply(settings: DeviceSettings): Promise<void> {
    await this.current.close();
    await this.rig?.close();
    this.rig = null;
    this.settings = settings;
    await this.build();
  }

  /** The simulators, when the station runs on them. */
  simulators(): SimulatorRig | null {
    return this.rig;
  }

  async close(): Promise<void> {
    await this.current.close();
    await this.rig?.close();
  }

  private async build(): Promise<void> {
    const { drivers, logger } = this.options;
    const simulated = this.settings.source === 'simulated' && this.options.createRig !== undefined;
    if (simulated && this.options.createRig) this.rig = await this.options.createRig();
    const ports = this.rig ?? realPorts;
    const settings = this.rig ? { ...this.settings, assignments: [...this.rig.assignments] } : this.settings;
    this.current = new DeviceManager(drivers, ports, settings, this.feed, logger, simulated, this.options.pollMs);
    this.current.start();
    await this.current.refresh();
  }
}
