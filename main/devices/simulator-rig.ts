import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HidDriver, SerialDriver } from '../../drivers/core/driver.js';
import { DriverError } from '../../drivers/core/errors.js';
import type { AttachedPort } from '../../drivers/core/registry.js';
import type { ByteTransport } from '../../drivers/core/transport.js';
import { bytePipe } from '../../drivers/transport/byte-pipe.js';
import { openSerial } from '../../drivers/transport/serial.js';
import { SimulatedHid } from '../../drivers/transport/simulated-hid.js';
import type { HidDeviceModel } from '../../drivers/transport/simulated-hid.js';
import { openPtyPair } from '../../drivers/transport/socat-pair.js';
import type { PtyPair } from '../../drivers/transport/socat-pair.js';
import type { SimulatorRig } from './device-service.js';

/** What a running simulator can be asked to do (finger out, place a card …). */
export type SimAction = (action: string) => Promise<boolean> | boolean;

/** A serial device simulated on the far end of a cable. */
export interface SerialSimSpec {
  readonly name: string;
  readonly driver: SerialDriver;
  /** Starts the device on its end of the cable; returns how to act on it and stop it. */
  start(device: ByteTransport): { act: SimAction; stop: () => void };
}

/** A HID device simulated in process. */
export interface HidSimSpec {
  readonly name: string;
  readonly driver: HidDriver;
  model(): HidDeviceModel & { act: SimAction };
}

interface SerialSlot {
  spec: SerialSimSpec;
  path: string;
  pair: PtyPair | null;
  pipe: ReturnType<typeof bytePipe> | null;
  running: { act: SimAction; stop: () => void } | null;
  plugged: boolean;
}

interface HidSlot {
  spec: HidSimSpec;
  path: string;
  model: (HidDeviceModel & { act: SimAction }) | null;
  transport: SimulatedHid | null;
  plugged: boolean;
}

export const socatAvailable = (): boolean => spawnSync('socat', ['-V'], { stdio: 'ignore' }).status === 0;

/**
 * Simulated devices behind the port interface real ones have. Serial devices sit on socat
 * pseudo-terminal pairs, so the station's real serialport stack reads them; where socat is
 * not installed they fall back to in-memory links. Unplugging a device pulls its cable (the
 * pty pair goes away); plugging it back brings the same port back.
 */
export class DeviceSimulatorRig implements SimulatorRig {
  private readonly serial = new Map<string, SerialSlot>();
  private readonly hid = new Map<string, HidSlot>();
  private readonly dir = mkdtempSync(join(tmpdir(), 'cunyi-sim-'));

  private constructor(private readonly useSocat: boolean) {}

  static async create(
    serial: readonly SerialSimSpec[],
    hid: readonly HidSimSpec[],
    useSocat = socatAvailable(),
  ): Promise<DeviceSimulatorRig> {
    const rig = new DeviceSimulatorRig(useSocat);
    for (const spec of serial) {
      const path = useSocat ? join(rig.dir, spec.name) : `sim:${spec.name}`;
      const slot: SerialSlot = { spec, path, pair: null, pipe: null, running: null, plugged: true };
      rig.serial.set(spec.name, slot);
      if (useSocat) await rig.plugPty(slot);
    }
    for (const spec of hid)
      rig.hid.set(spec.name, { spec, path: `sim-hid:${spec.name}`, model: null, transport: null, plugged: true });
    return rig;
  }

  get assignments(): { driver: string; path: string }[] {
    return [
      ...[...this.serial.values()].map((s) => ({ driver: s.spec.driver.id, path: s.path })),
      ...[...this.hid.values()].map((s) => ({ driver: s.spec.driver.id, path: s.path })),
    ];
  }

  list(): Promise<AttachedPort[]> {
    return Promise.resolve([
      ...[...this.serial.values()].filter((s) => s.plugged).map((s) => ({ link: 'serial' as const, path: s.path })),
      ...[...this.hid.values()].filter((s) => s.plugged).map((s) => ({ link: 'hid' as const, path: s.path })),
    ]);
  }

  async openSerial(path: string, settings: SerialDriver['serial']): Promise<ByteTransport> {
    const slot = [...this.serial.values()].find((s) => s.path === path);
    if (!slot?.plugged) throw new DriverError('disconnected', `${path} is not attached`);
    if (slot.pair) return openSerial(path, settings);
    // In-memory link: a fresh cable each time the station opens the port.
    slot.running?.stop();
    slot.pipe = bytePipe(path, `${path}-device`);
    slot.running = slot.spec.start(slot.pipe.device);
    return slot.pipe.station;
  }

  openHid(path: string): Promise<SimulatedHid> {
    const slot = [...this.hid.values()].find((s) => s.path === path);
    if (!slot?.plugged) return Promise.reject(new DriverError('disconnected', `${path} is not attached`));
    slot.model = slot.spec.model();
    slot.transport = new SimulatedHid(slot.model, path);
    return Promise.resolve(slot.transport);
  }

  /** Acts on a simulated device by name: unplug, replug, or a device-specific action. */
  async act(name: string, action: string): Promise<boolean> {
    const serial = this.serial.get(name);
    const hid = this.hid.get(name);
    if (action === 'unplug') {
      if (serial) await this.unplugSerial(serial);
      else if (hid) {
        hid.plugged = false;
        hid.transport?.unplug();
      } else return false;
      return true;
    }
    if (action === 'replug') {
      if (serial && !serial.plugged) {
        serial.plugged = true;
        if (this.useSocat) await this.plugPty(serial);
      } else if (hid) hid.plugged = true;
      return Boolean(serial ?? hid);
    }
    if (serial?.running) return serial.running.act(action);
    if (hid?.model) return hid.model.act(action);
    return false;
  }

  /** The simulated devices and whether each is plugged in. */
  devices(): { name: string; driver: string; plugged: boolean }[] {
    return [
      ...[...this.serial.values()].map((s) => ({ name: s.spec.name, driver: s.spec.driver.id, plugged: s.plugged })),
      ...[...this.hid.values()].map((s) => ({ name: s.spec.name, driver: s.spec.driver.id, plugged: s.plugged })),
    ];
  }

  async close(): Promise<void> {
    for (const slot of this.serial.values()) await this.unplugSerial(slot);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async plugPty(slot: SerialSlot): Promise<void> {
    slot.pair = await openPtyPair(slot.path, `${slot.path}-device`);
    const device = await openSerial(slot.pair.devicePath, slot.spec.driver.serial);
    slot.running = slot.spec.start(device);
    slot.plugged = true;
  }

  private async unplugSerial(slot: SerialSlot): Promise<void> {
    slot.plugged = false;
    slot.running?.stop();
    slot.running = null;
    slot.pipe?.unplug();
    slot.pipe = null;
    await slot.pair?.unplug();
  }
}
