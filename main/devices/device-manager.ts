import type { DeviceInfo, DeviceSettings, PendingReading } from '../../contract/devices/devices-domain.js';
import type { DeviceSession, Driver } from '../../drivers/core/driver.js';
import type { DriverEvent } from '../../drivers/core/events.js';
import { watchPorts } from '../../drivers/core/hotplug.js';
import { bindPorts } from '../../drivers/core/registry.js';
import type { AttachedPort, Binding } from '../../drivers/core/registry.js';
import type { Logger } from '../logger.js';
import { idCardDataOf } from './id-card-data.js';
import type { LiveFeed } from './live-feed.js';
import { pendingFromMeasurement } from './pending-reading.js';
import type { Pending } from './pending-reading.js';
import { listerOf } from './port-access.js';
import type { PortAccess } from './port-access.js';

/** Readings kept for the doctor at most; the oldest stored ones go first. */
const MAX_PENDING = 200;

interface Attached {
  info: DeviceInfo;
  binding: Binding;
  session: DeviceSession | null;
  stopListening: (() => void) | null;
}

export type DeviceListener = (deviceKey: string, event: DriverEvent) => void;

/**
 * Finds devices (hot-plug polling), opens a driver session for each, keeps their state and
 * the readings they deliver until the doctor confirms or discards them, and publishes all of
 * it to the screens' live feed. A device that goes away is shown disconnected; when its port
 * comes back it is opened again by itself. Nothing here touches the record: confirming goes
 * through confirmReadings.
 */
export class DeviceManager {
  private readonly devices = new Map<string, Attached>();
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<DeviceListener>();
  private readonly confirmed = new Set<string>();
  private watch: { stop: () => void; poll: () => Promise<void> } | null = null;
  private closed = false;
  /** The ports seen at the last listing. */
  private current: AttachedPort[] = [];
  /** Reconciliations run one after another, never interleaved. */
  private reconciling: Promise<void> = Promise.resolve();

  constructor(
    private readonly drivers: readonly Driver[],
    private readonly ports: PortAccess,
    private settings: DeviceSettings,
    private readonly feed: LiveFeed,
    private readonly logger: Logger,
    /** How the station found devices, for the list: 'simulated' replaces 'assigned'. */
    private readonly simulated = false,
    private readonly pollMs = 1_000,
  ) {}

  start(): void {
    // No drivers, nothing to bind: don't ask the OS for its ports every second for nothing.
    if (this.drivers.length === 0) return;
    this.watch = watchPorts(
      listerOf(this.ports, () => this.settings.assignments.map((a) => a.path)),
      this.pollMs,
      ({ current }) => {
        this.current = current;
        void this.reconcileNow();
      },
    );
  }

  private reconcileNow(): Promise<void> {
    this.reconciling = this.reconciling
      .then(() => this.reconcile(this.current))
      .catch((error: unknown) => {
        this.logger.error({ err: codeOf(error) }, 'device reconciliation failed');
      });
    return this.reconciling;
  }

  /** Waits for one port listing to be applied (tests and settings changes). */
  async refresh(): Promise<void> {
    await this.watch?.poll();
    await this.reconciling;
  }

  async applySettings(settings: DeviceSettings): Promise<void> {
    this.settings = settings;
    for (const key of [...this.devices.keys()]) await this.detach(key, 'settings');
    this.devices.clear();
    this.watch?.stop();
    this.start();
    await this.refresh();
    this.publishDevices();
  }

  list(): DeviceInfo[] {
    return [...this.devices.values()].map((d) => ({ ...d.info }));
  }

  pendingReadings(): PendingReading[] {
    return [...this.pending.values()].map((p) => p.view).reverse();
  }

  /** The pending readings with these ids, in order; unknown ids are reported, not skipped. */
  take(ids: readonly string[]): { found: Pending[]; missing: string[] } {
    const found: Pending[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const p = this.pending.get(id);
      if (p) found.push(p);
      else missing.push(id);
    }
    return { found, missing };
  }

  /** Stored readings already in the record are not offered again by a later download. */
  markConfirmed(ids: readonly string[]): void {
    for (const id of ids) {
      const p = this.pending.get(id);
      if (p?.view.stored) this.confirmed.add(fingerprint(p.view));
    }
  }

  forget(ids: readonly string[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  session(key: string): DeviceSession | null {
    return this.devices.get(key)?.session ?? null;
  }

  /** Raw driver events per device, for core services that record (an ECG strip). */
  onDeviceEvent(listener: DeviceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Readings a device downloaded from its memory join the pending list. */
  addDownloaded(key: string, events: readonly DriverEvent[]): number {
    let n = 0;
    for (const event of events) if (event.type === 'measurement' && this.acceptMeasurement(key, event)) n++;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.watch?.stop();
    for (const key of [...this.devices.keys()]) await this.detach(key, 'closing');
  }

  private async reconcile(current: AttachedPort[]): Promise<void> {
    if (this.closed) return;
    const bindings = bindPorts(this.drivers, current, this.settings.assignments);
    const wanted = new Map(bindings.map((b) => [`${b.driver.id}@${b.path}`, b]));
    for (const [key, device] of this.devices) {
      if (!wanted.has(key) && device.info.state !== 'disconnected') {
        await this.detach(key, 'unplugged');
        this.setState(key, 'disconnected', null);
      }
    }
    for (const [key, binding] of wanted) {
      const known = this.devices.get(key);
      if (known && known.session) continue;
      await this.attach(key, binding);
    }
  }

  private async attach(key: string, binding: Binding): Promise<void> {
    const { driver, path } = binding;
    const info: DeviceInfo = {
      key,
      driver: driver.id,
      category: driver.category,
      manufacturer: driver.manufacturer,
      model: driver.model,
      port: path,
      how: this.simulated ? 'simulated' : binding.how,
      state: 'connecting',
      reason: null,
      error: this.devices.get(key)?.info.error ?? null,
    };
    const device: Attached = { info, binding, session: null, stopListening: null };
    this.devices.set(key, device);
    this.publishDevices();
    try {
      const session =
        driver.link === 'serial'
          ? driver.open(await this.ports.openSerial(path, driver.serial))
          : driver.open(await this.ports.openHid(path));
      device.session = session;
      device.stopListening = session.on((event) => this.onEvent(key, event));
      await session.start();
      if (device.info.state === 'connecting') this.setState(key, 'connected', null);
      device.info.error = null;
      this.publishDevices();
      this.logger.info({ driver: driver.id, port: path }, 'device attached');
    } catch (error) {
      device.stopListening?.();
      await device.session?.close().catch(() => undefined);
      device.session = null;
      device.info.state = 'disconnected';
      device.info.error = codeOf(error);
      this.publishDevices();
      this.logger.warn({ driver: driver.id, port: path, err: codeOf(error) }, 'device could not be opened');
    }
  }

  private async detach(key: string, why: string): Promise<void> {
    const device = this.devices.get(key);
    if (!device) return;
    device.stopListening?.();
    device.stopListening = null;
    const session = device.session;
    device.session = null;
    await session?.close().catch(() => undefined);
    // Live values of a device that is gone are no longer live; stored ones stay.
    for (const [id, p] of this.pending) if (p.view.deviceKey === key && !p.view.stored) this.pending.delete(id);
    this.logger.info({ driver: device.binding.driver.id, why }, 'device detached');
  }

  private onEvent(key: string, event: DriverEvent): void {
    for (const listener of this.listeners) listener(key, event);
    switch (event.type) {
      case 'measurement':
        this.acceptMeasurement(key, event);
        return;
      case 'waveform':
        this.feed.publish({
          type: 'waveform',
          deviceKey: key,
          channels: [...event.channels],
          sampleRate: event.sampleRate,
          seq: event.seq,
          unit: event.unit,
          samples: event.samples.map((c) => [...c]),
        });
        return;
      case 'gap':
        this.feed.publish({ type: 'gap', deviceKey: key, seq: event.seq, count: event.count });
        return;
      case 'status':
        if (event.state === 'disconnected') void this.lost(key);
        else this.setState(key, event.state, event.reason ?? null);
        return;
      case 'error': {
        const device = this.devices.get(key);
        if (device) device.info.error = event.code;
        if (event.kind === 'disconnected') void this.lost(key);
        else this.publishDevices();
        return;
      }
      case 'id-card': {
        const card = idCardDataOf(event);
        if (card) this.feed.publish({ type: 'id-card', deviceKey: key, card });
        else this.setError(key, 'id_card.unreadable');
        return;
      }
    }
  }

  /** The link dropped under a running session: show it, and let hot-plug reopen it. */
  private async lost(key: string): Promise<void> {
    await this.detach(key, 'link lost');
    this.setState(key, 'disconnected', null);
    // The port may still be listed (a device that reset itself): try it again shortly. If
    // it went away, the next listing says so and it is reopened when it comes back.
    if (!this.closed) setTimeout(() => void this.reconcileNow(), this.pollMs).unref();
  }

  private acceptMeasurement(key: string, event: Extract<DriverEvent, { type: 'measurement' }>): boolean {
    const device = this.devices.get(key);
    if (!device) return false;
    const identity = device.session?.identity;
    if (!identity) return false;
    const pending = pendingFromMeasurement(event, key, identity);
    if (!pending) return false;
    if (pending.view.stored) {
      // A download delivers each stored reading as an event and again in its result; and a
      // second download offers readings already confirmed.
      const print = fingerprint(pending.view);
      if (this.confirmed.has(print)) return false;
      for (const p of this.pending.values()) if (p.view.stored && fingerprint(p.view) === print) return false;
    } else {
      // A live value replaces the previous live value of the same kind from the same device.
      for (const [id, p] of this.pending) {
        if (p.view.deviceKey === key && p.view.kind === pending.view.kind && !p.view.stored) this.pending.delete(id);
      }
    }
    this.pending.set(pending.view.id, pending);
    while (this.pending.size > MAX_PENDING) {
      const oldest = this.pending.keys().next().value;
      if (oldest === undefined) break;
      this.pending.delete(oldest);
    }
    this.feed.publish({ type: 'reading', reading: pending.view });
    return true;
  }

  private setState(key: string, state: DeviceInfo['state'], reason: string | null): void {
    const device = this.devices.get(key);
    if (!device) return;
    if (device.info.state === state && device.info.reason === reason) return;
    device.info.state = state;
    device.info.reason = reason;
    this.publishDevices();
  }

  private setError(key: string, code: string): void {
    const device = this.devices.get(key);
    if (!device) return;
    device.info.error = code;
    this.publishDevices();
  }

  private publishDevices(): void {
    this.feed.publish({ type: 'devices', devices: this.list() });
  }
}

const fingerprint = (v: PendingReading) =>
  JSON.stringify([v.deviceKey, v.loinc, v.measuredAt, v.value, v.components?.map((c) => c.value) ?? null]);

function codeOf(error: unknown): string {
  const e = error as { kind?: string; code?: string };
  return typeof e.code === 'string' ? e.code : typeof e.kind === 'string' ? e.kind : 'device.failed';
}
