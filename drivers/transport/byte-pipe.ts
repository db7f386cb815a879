import { DriverError } from '../core/errors.js';
import type { ByteTransport } from '../core/transport.js';

/**
 * Two ByteTransports joined in memory: what one writes, the other receives. For simulators
 * where socat is not installed and for fast parser tests; `unplug` closes both ends as a
 * pulled cable would.
 */
export function bytePipe(stationPath = 'sim-station', devicePath = 'sim-device') {
  type End = ByteTransport & { deliver(chunk: Uint8Array): void; end(error: Error | null): void };
  let open = true;
  const make = (path: string): End => {
    const data: ((chunk: Uint8Array) => void)[] = [];
    const closed: ((error: Error | null) => void)[] = [];
    let other: End | null = null;
    const end: End & { link(o: End): void } = {
      path,
      link: (o) => (other = o),
      deliver: (chunk) => data.forEach((l) => l(chunk)),
      end: (error) => closed.splice(0).forEach((l) => l(error)),
      write: (bytes) => {
        if (!open) return Promise.reject(new DriverError('disconnected', `${path} is closed`));
        const copy = bytes.slice();
        setImmediate(() => open && other?.deliver(copy));
        return Promise.resolve();
      },
      onData: (l) => data.push(l),
      onClose: (l) => closed.push(l),
      close: () => {
        unplug(null);
        return Promise.resolve();
      },
    };
    return end;
  };
  const station = make(stationPath) as End & { link(o: End): void };
  const device = make(devicePath) as End & { link(o: End): void };
  station.link(device);
  device.link(station);
  const unplug = (error: Error | null = new DriverError('disconnected', 'cable pulled')) => {
    if (!open) return;
    open = false;
    station.end(error);
    device.end(error);
  };
  return { station: station as ByteTransport, device: device as ByteTransport, unplug: () => unplug() };
}
