import { fileURLToPath } from 'node:url';
import { findEcgData } from './recordings.js';

/**
 * The PhysioNet records for tests: CUNYI_ECG_DATA, else ../shared/data/ecg beside the
 * repository (found from this file, so a clone anywhere works). A clean clone with no data
 * beside it says so, with the reason, in every test file that imports this.
 */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const ecgData = findEcgData({ repoRoot });
if (!ecgData.dir) {
  console.log(
    `ECG data absent, so record tests are skipped and the simulator plays the synthetic model: ${ecgData.reason}`,
  );
}
