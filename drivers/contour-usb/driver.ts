import { identityOf } from '../core/driver.js';
import type { HidDriver } from '../core/driver.js';
import { ContourSession } from './session.js';
import type { ContourSessionOptions } from './session.js';

/** glucometerutils support/contourusb.py: "Bayer Health Care LLC Contour", 1A79:6002. */
export const CONTOUR_USB = [{ vendorId: 0x1a79, productId: 0x6002 }] as const;

/** The Contour USB driver, with session options (timeouts, retry limits). */
export function contourUsbDriver(options: ContourSessionOptions = {}): HidDriver {
  const driver: HidDriver = {
    id: 'contour-usb',
    category: 'glucometer',
    manufacturer: 'Ascensia (Bayer)',
    model: 'Contour USB',
    usb: CONTOUR_USB,
    link: 'hid',
    open: (transport) => new ContourSession(transport, identityOf(driver, transport.path), options),
  };
  return driver;
}

export const contourUsb: HidDriver = contourUsbDriver();
