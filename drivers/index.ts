import { cms50dLegacy, cms50e } from './cms50d/index.js';
import { contourUsb } from './contour-usb/driver.js';
import type { Driver } from './core/driver.js';
import { cytonEcg } from './ecg-cyton/driver.js';
import { idCardReader } from './id-card/driver.js';
import { omronHem } from './omron-hem/driver.js';
import { tanitaSc240 } from './tanita-sc240/driver.js';

/** Every driver the station ships, for the device manager's registry. */
// Both oximeter generations claim the same generic CP210x bridge, so neither binds by USB id
// alone: the doctor assigns the port (they must stay registered together, see drivers/cms50d).
export const ALL_DRIVERS: readonly Driver[] = [
  cms50e,
  cms50dLegacy,
  omronHem,
  contourUsb,
  tanitaSc240,
  idCardReader,
  cytonEcg,
];
