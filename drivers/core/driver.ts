import type { DeviceIdentity, DriverEvent, Measurement } from './events.js';
import type { ByteTransport, ReportTransport, SerialSettings } from './transport.js';

export type DeviceCategory = 'oximeter' | 'blood-pressure' | 'glucometer' | 'scale' | 'id-card' | 'ecg';

export interface UsbId {
  readonly vendorId: number;
  readonly productId: number;
}

/** A driver bound to one attached device. */
export interface DeviceSession {
  readonly identity: DeviceIdentity;
  /** Every measurement, waveform, status and error the device produces. */
  on(listener: (event: DriverEvent) => void): () => void;
  /** Starts what the device does live (a stream, waiting for a card); resolves once running. */
  start(): Promise<void>;
  /** Reads the readings stored in the device's memory, when it keeps any. */
  download?(): Promise<Measurement[]>;
  /** Stops and releases the link; safe to call twice and after a disconnect. */
  close(): Promise<void>;
}

interface DriverBase {
  /** Stable id used in settings and in the Device resource, e.g. "contec-cms50d". */
  readonly id: string;
  readonly category: DeviceCategory;
  readonly manufacturer: string;
  readonly model: string;
  /** USB ids that identify the device (or its USB-serial bridge) when plugged in. */
  readonly usb: readonly UsbId[];
}

export interface SerialDriver extends DriverBase {
  readonly link: 'serial';
  readonly serial: SerialSettings;
  open(transport: ByteTransport): DeviceSession;
}

export interface HidDriver extends DriverBase {
  readonly link: 'hid';
  open(transport: ReportTransport): DeviceSession;
}

export type Driver = SerialDriver | HidDriver;

/** The identity a driver gives the device it opens, before the device says more about itself. */
export const identityOf = (driver: Driver, port: string, more: Partial<DeviceIdentity> = {}): DeviceIdentity => ({
  driver: driver.id,
  manufacturer: driver.manufacturer,
  model: driver.model,
  port,
  ...more,
});
