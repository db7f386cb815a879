import { identityOf } from '../core/driver.js';
import type { SerialDriver } from '../core/driver.js';
import type { SerialSettings } from '../core/transport.js';
import { IdCardSession } from './session.js';
import type { IdCardSessionOptions } from './session.js';

/**
 * Assumed from the source's board, not from a module datasheet: IDReader.c/h state no speed;
 * the same project's Src/usart.c runs the UART it talks to the module on at 115200 8N1.
 */
export const ASSUMED_BAUD_RATE = 115200;

export interface IdCardReaderOptions extends IdCardSessionOptions {
  readonly baudRate?: number;
}

export function idCardReaderDriver(options: IdCardReaderOptions = {}): SerialDriver {
  const { baudRate = ASSUMED_BAUD_RATE, ...sessionOptions } = options;
  const serial: SerialSettings = { baudRate, dataBits: 8, parity: 'none', stopBits: 1 };
  const driver: SerialDriver = {
    id: 'id-card-sam',
    category: 'id-card',
    manufacturer: 'Generic',
    model: '2nd-generation ID card reader (SAM module)',
    // The module speaks UART; desktop readers put a generic USB-serial bridge (CH340, CP210x)
    // in front of it. Those ids belong to many devices, so none are claimed: assign the port.
    usb: [],
    link: 'serial',
    serial,
    open: (transport) => new IdCardSession(transport, identityOf(driver, transport.path), sessionOptions),
  };
  return driver;
}

export const idCardReader: SerialDriver = idCardReaderDriver();
