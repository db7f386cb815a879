import { identityOf } from '../core/driver.js';
import type { SerialDriver, UsbId } from '../core/driver.js';
import type { SerialSettings } from '../core/transport.js';
import { LegacySession } from './legacy-session.js';
import { V46Session } from './v46-session.js';

/**
 * The CP210x bridge in the cable (10C4:EA60) is shared by countless devices and by both
 * firmware generations, so it cannot tell the station which driver to use. Both drivers
 * claim it anyway: the registry binds only ids a single driver claims, so the port waits for
 * the doctor to assign it, and the settings screen can still say what the port might be.
 */
export const CP210X: UsbId = { vendorId: 0x10c4, productId: 0xea60 };

/**
 * 19200 baud, 8 data bits, odd parity (atbrask/CMS50Dplus). XON/XOFF is deliberately off,
 * although atbrask enables it: with it on, the tty swallows every data byte 0x11 or 0x13
 * (pleth 17 and 19, pulse 17/19/145/147 bpm) and a 0x13 in the stream stops the station's
 * own output. See README.md, "Serial settings", and serial-settings.test.ts.
 */
export const LEGACY_SERIAL: SerialSettings = {
  baudRate: 19200,
  dataBits: 8,
  parity: 'odd',
  stopBits: 1,
  xon: false,
  xoff: false,
};

/** 115200 8N1, no flow control (headrotor/contec_data; MarkMLl/Contec_cms50dplus). */
export const V46_SERIAL: SerialSettings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 };

export const cms50dLegacy: SerialDriver = {
  id: 'contec-cms50d-legacy',
  category: 'oximeter',
  manufacturer: 'Contec',
  model: 'CMS50D+ (firmware ≤ 4.5)',
  usb: [CP210X],
  link: 'serial',
  serial: LEGACY_SERIAL,
  open: (transport) => new LegacySession(identityOf(cms50dLegacy, transport.path), transport),
};

export const cms50e: SerialDriver = {
  id: 'contec-cms50e',
  category: 'oximeter',
  manufacturer: 'Contec',
  model: 'CMS50D+ (firmware 4.6) / CMS50E',
  usb: [CP210X],
  link: 'serial',
  serial: V46_SERIAL,
  open: (transport) => new V46Session(identityOf(cms50e, transport.path), transport),
};

export { LegacySession } from './legacy-session.js';
export { V46Session } from './v46-session.js';
export type { SessionOptions } from './session-base.js';
export type { V46Options } from './v46-session.js';
