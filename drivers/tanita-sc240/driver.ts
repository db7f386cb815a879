import { identityOf } from '../core/driver.js';
import type { SerialDriver } from '../core/driver.js';
import type { SerialSettings } from '../core/transport.js';
import { ScaleSession } from './session.js';
import type { ScaleSessionOptions } from './session.js';

/**
 * Assumed, not documented: the source opens the port without stating a speed. 9600 8N1 is a
 * guess; a site whose scale is set differently passes its own `baudRate`.
 */
export const ASSUMED_BAUD_RATE = 9600;

export interface TanitaSc240Options extends ScaleSessionOptions {
  readonly baudRate?: number;
}

/** The SC-240 driver with a chosen line speed (see ASSUMED_BAUD_RATE). */
export function tanitaSc240Driver(options: TanitaSc240Options = {}): SerialDriver {
  const { baudRate = ASSUMED_BAUD_RATE, ...sessionOptions } = options;
  const serial: SerialSettings = { baudRate, dataBits: 8, parity: 'none', stopBits: 1 };
  const driver: SerialDriver = {
    id: 'tanita-sc240',
    category: 'scale',
    manufacturer: 'Tanita',
    model: 'SC-240',
    // The scale reaches the PC through a generic USB-serial bridge (the source's port name,
    // /dev/cu.usbserial-A…, is how macOS names an FTDI one). Generic bridge ids would claim
    // unrelated devices, so none are listed: the port is assigned in settings.
    usb: [],
    link: 'serial',
    serial,
    open: (transport) => new ScaleSession(transport, identityOf(driver, transport.path), sessionOptions),
  };
  return driver;
}

export const tanitaSc240: SerialDriver = tanitaSc240Driver();
