import { existsSync } from 'node:fs';
import { SerialPort } from 'serialport';
import { DriverError, driverErrorOf } from '../core/errors.js';
import type { AttachedPort } from '../core/registry.js';
import type { ByteTransport, SerialSettings } from '../core/transport.js';

/** Opens a serial port (or pseudo-terminal) with the driver's line settings. */
export async function openSerial(path: string, settings: SerialSettings): Promise<ByteTransport> {
  const port = new SerialPort({
    path,
    baudRate: settings.baudRate,
    dataBits: settings.dataBits ?? 8,
    parity: settings.parity ?? 'none',
    stopBits: settings.stopBits ?? 1,
    xon: settings.xon ?? false,
    xoff: settings.xoff ?? false,
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) =>
    port.open((error) => (error ? reject(driverErrorOf(error, 'disconnected')) : resolve())),
  );
  const closeListeners: ((error: Error | null) => void)[] = [];
  const dataListeners: ((chunk: Uint8Array) => void)[] = [];
  // Read from the start, listener or not: a vanished device is only noticed by a read failing.
  port.on('data', (chunk: Buffer) => {
    const bytes = new Uint8Array(chunk);
    for (const listener of dataListeners) listener(bytes);
  });
  let closed = false;
  const finish = (error: Error | null) => {
    if (closed) return;
    closed = true;
    for (const listener of closeListeners) listener(error);
  };
  // A hung-up pseudo-terminal that never delivered a byte reads as endless end-of-file rather
  // than an error, and the bindings spin on it. A device node that is gone is a pulled cable
  // whatever the read loop thinks: check for it, and close.
  const watchdog = setInterval(() => {
    if (!existsSync(path)) {
      finish(new DriverError('disconnected', `${path} is gone`));
      if (port.isOpen) port.close(() => undefined);
    }
  }, 250);
  watchdog.unref();
  closeListeners.push(() => clearInterval(watchdog));
  // An unplugged USB-serial bridge or a vanished pty surfaces as an error, then a close.
  port.on('error', (error: Error) => {
    finish(driverErrorOf(error, 'disconnected'));
    if (port.isOpen) port.close(() => undefined);
  });
  port.on('close', (error: (Error & { disconnected?: boolean }) | null) =>
    finish(error ? new DriverError('disconnected', error.message, undefined, { cause: error }) : null),
  );
  return {
    path,
    write: (bytes) =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(new DriverError('disconnected', `${path} is closed`));
        port.write(Buffer.from(bytes), (error) => {
          if (error) return reject(driverErrorOf(error, 'disconnected'));
          port.drain((drainError) => (drainError ? reject(driverErrorOf(drainError, 'disconnected')) : resolve()));
        });
      }),
    onData: (listener) => dataListeners.push(listener),
    onClose: (listener) => closeListeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}

/**
 * Serial ports the station can see: USB-serial bridges with their USB ids, plus the ports
 * assigned in settings that exist (built-in UARTs and pseudo-terminals are not enumerated).
 */
export async function listSerialPorts(assignedPaths: readonly string[] = []): Promise<AttachedPort[]> {
  const listed = await SerialPort.list();
  const ports: AttachedPort[] = listed.map((p) => ({
    link: 'serial',
    path: p.path,
    usb:
      p.vendorId && p.productId
        ? { vendorId: Number.parseInt(p.vendorId, 16), productId: Number.parseInt(p.productId, 16) }
        : undefined,
  }));
  for (const path of assignedPaths) {
    if (!ports.some((p) => p.path === path) && existsSync(path)) ports.push({ link: 'serial', path });
  }
  return ports;
}
