import type { SerialDriver } from '../core/driver.js';
import { identityOf } from '../core/driver.js';
import { PACKET_LENGTH } from './protocol.js';
import { CytonSession } from './session.js';
import type { CytonSessionOptions } from './session.js';

export interface CytonDriverOptions extends CytonSessionOptions {
  /** Line speed; by default 115200, or 230400 at 500 samples/s (see below). */
  readonly baudRate?: number;
}

/** Bits per byte on an 8N1 line: start bit, 8 data bits, stop bit. */
const BITS_PER_BYTE = 10;

/**
 * A 12-lead ECG on an 8-channel ADS1298/ADS1299-class front end speaking the OpenBCI Cyton
 * packet format. 500 samples/s is 16,500 bytes/s, more than 115200 baud carries (11,520), so
 * it defaults to 230400; a rate the line cannot carry is refused here rather than streamed
 * with steady losses.
 */
export function cytonEcgDriver(options: CytonDriverOptions = {}): SerialDriver {
  const sampleRate = options.sampleRate ?? 250;
  const baudRate = options.baudRate ?? (sampleRate === 500 ? 230_400 : 115_200);
  if (baudRate / BITS_PER_BYTE < sampleRate * PACKET_LENGTH) {
    throw new RangeError(`${sampleRate} samples/s needs ${sampleRate * PACKET_LENGTH * BITS_PER_BYTE} baud or more`);
  }
  const driver: SerialDriver = {
    id: 'openbci-cyton-ecg',
    category: 'ecg',
    manufacturer: 'OpenBCI',
    model: 'Cyton 8-channel front end (12-lead ECG)',
    // The dongle's FT231X reports FTDI's generic 0403:6015, as do many unrelated USB-serial
    // cables: the registry will not bind it by USB id alone if another driver claims it too.
    usb: [{ vendorId: 0x0403, productId: 0x6015 }],
    link: 'serial',
    serial: { baudRate, dataBits: 8, parity: 'none', stopBits: 1 },
    open: (transport) => new CytonSession(transport, identityOf(driver, transport.path), options),
  };
  return driver;
}

/** The default: 250 samples/s at 115200 baud, gain 24, as a Cyton starts after a reset. */
export const cytonEcg: SerialDriver = cytonEcgDriver();
