import type { Driver, UsbId } from './driver.js';

/** A port the station can see: a serial path or a HID path, with USB ids when it has them. */
export interface AttachedPort {
  readonly link: 'serial' | 'hid';
  readonly path: string;
  readonly usb?: UsbId | undefined;
}

/** A port the doctor has told the station about in settings: "the scale is on /dev/ttyS0". */
export interface PortAssignment {
  readonly driver: string;
  readonly path: string;
}

export interface Binding {
  readonly driver: Driver;
  readonly path: string;
  readonly how: 'assigned' | 'usb';
}

const sameUsb = (a: UsbId, b: UsbId) => a.vendorId === b.vendorId && a.productId === b.productId;

/**
 * Which driver serves which attached port. A port the doctor assigned always goes to the
 * driver she chose; otherwise a port whose USB ids one driver claims goes to it. Ids several
 * drivers claim (a generic USB-serial bridge) are not guessed: the port needs an assignment.
 */
export function bindPorts(
  drivers: readonly Driver[],
  ports: readonly AttachedPort[],
  assignments: readonly PortAssignment[],
): Binding[] {
  const out: Binding[] = [];
  for (const port of ports) {
    const assigned = assignments.find((a) => a.path === port.path);
    if (assigned) {
      const driver = drivers.find((d) => d.id === assigned.driver && d.link === port.link);
      if (driver) out.push({ driver, path: port.path, how: 'assigned' });
      continue;
    }
    const usb = port.usb;
    if (!usb) continue;
    const claims = drivers.filter((d) => d.link === port.link && d.usb.some((id) => sameUsb(id, usb)));
    const only = claims.length === 1 ? claims[0] : undefined;
    if (only) out.push({ driver: only, path: port.path, how: 'usb' });
  }
  return out;
}

/** Formats USB ids the way lsusb and device settings show them ("0590:0028"). */
export const usbIdText = (id: UsbId): string =>
  `${id.vendorId.toString(16).padStart(4, '0')}:${id.productId.toString(16).padStart(4, '0')}`;
