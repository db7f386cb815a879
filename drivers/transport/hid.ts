import HID from 'node-hid';
import { DriverError, driverErrorOf } from '../core/errors.js';
import type { AttachedPort } from '../core/registry.js';
import type { ReportTransport } from '../core/transport.js';

/**
 * A USB HID device through node-hid. Reports are written with a leading report id of 0, as
 * hidapi expects for devices without numbered reports.
 */
export async function openHid(path: string): Promise<ReportTransport> {
  let device: HID.HIDAsync;
  try {
    device = await HID.HIDAsync.open(path);
  } catch (error) {
    throw driverErrorOf(error, 'disconnected');
  }
  const withId = (report: Uint8Array) => [0, ...report];
  return {
    path,
    write: async (report) => {
      try {
        await device.write(withId(report));
      } catch (error) {
        throw driverErrorOf(error, 'disconnected');
      }
    },
    read: async (timeoutMs) => {
      let data: Buffer | undefined;
      try {
        data = await device.read(timeoutMs);
      } catch (error) {
        throw driverErrorOf(error, 'disconnected');
      }
      if (!data || data.length === 0) throw new DriverError('timeout', `${path}: no report within ${timeoutMs} ms`);
      return new Uint8Array(data);
    },
    sendFeatureReport: async (report) => {
      try {
        await device.sendFeatureReport(withId(report));
      } catch (error) {
        throw driverErrorOf(error, 'disconnected');
      }
    },
    close: async () => {
      await device.close().catch(() => undefined);
    },
  };
}

/** HID devices attached now, with their USB ids. */
export async function listHidDevices(): Promise<AttachedPort[]> {
  const devices = await HID.devicesAsync();
  return devices.flatMap((d) =>
    d.path ? [{ link: 'hid' as const, path: d.path, usb: { vendorId: d.vendorId, productId: d.productId } }] : [],
  );
}
