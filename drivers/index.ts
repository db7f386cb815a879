import type { Driver } from './core/driver.js';
import { idCardReader } from './id-card/driver.js';
import { tanitaSc240 } from './tanita-sc240/driver.js';

/** Every driver the station ships, for the device manager's registry. */
export const ALL_DRIVERS: readonly Driver[] = [tanitaSc240, idCardReader];
