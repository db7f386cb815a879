import type { PortLister } from '../../drivers/core/hotplug.js';
import type { AttachedPort } from '../../drivers/core/registry.js';
import type { ByteTransport, ReportTransport, SerialSettings } from '../../drivers/core/transport.js';
import { listHidDevices, openHid } from '../../drivers/transport/hid.js';
import { listSerialPorts, openSerial } from '../../drivers/transport/serial.js';

/** How the device manager reaches ports: the OS's, or a rig of simulators. */
export interface PortAccess {
  list(assignedPaths: readonly string[]): Promise<AttachedPort[]>;
  openSerial(path: string, settings: SerialSettings): Promise<ByteTransport>;
  openHid(path: string): Promise<ReportTransport>;
}

/** The machine's real serial ports and HID devices. */
export const realPorts: PortAccess = {
  list: async (assigned) => {
    const [serial, hid] = await Promise.all([
      listSerialPorts(assigned),
      listHidDevices().catch(() => [] as AttachedPort[]),
    ]);
    return [...serial, ...hid];
  },
  openSerial,
  openHid,
};

export const listerOf =
  (access: PortAccess, assigned: () => readonly string[]): PortLister =>
  () =>
    access.list(assigned());
