import { identityOf } from '../core/driver.js';
import type { HidDriver } from '../core/driver.js';
import { OmronSession } from './session.js';
import type { OmronSessionOptions } from './session.js';

/**
 * USB ids from libomron (include/libomron/omron.h, lib/udev/rules.d/69-libomron.rules): one
 * VID:PID, 0590:0028, "for all omron health devices" (the udev rule names the HEM-7080IT-E).
 * The source names no other product id; a HEM-7301 reporting a different one will not be
 * recognised until its id is added here (or its port is assigned in settings).
 */
export const OMRON_USB = [{ vendorId: 0x0590, productId: 0x0028 }] as const;

/** The HEM-790IT-family driver, with session options (bank, timeouts). */
export function omronHemDriver(options: OmronSessionOptions = {}): HidDriver {
  const driver: HidDriver = {
    id: 'omron-hem',
    category: 'blood-pressure',
    manufacturer: 'Omron',
    model: 'HEM-790IT / HEM-7080IT / HEM-7301',
    usb: OMRON_USB,
    link: 'hid',
    open: (transport) => new OmronSession(transport, identityOf(driver, transport.path), options),
  };
  return driver;
}

export const omronHem: HidDriver = omronHemDriver();
