import { writeFileSync } from 'node:fs';
import { FIXTURE_CASES, annotate, recordCase } from './fixture-cases.js';

/**
 * Writes test/fixtures/hid/omron-hem-<case>.txt from the simulator:
 * `npx tsx drivers/omron-hem/record-fixtures.ts`. omron-hem-capture.txt is not written here:
 * it is transcribed by hand from the vendor USB capture.
 */
for (const fixture of FIXTURE_CASES) {
  const file = new URL(`../../test/fixtures/hid/omron-hem-${fixture.name}.txt`, import.meta.url);
  writeFileSync(file, annotate(fixture, await recordCase(fixture)));
  console.log(`wrote ${file.pathname}`);
}
