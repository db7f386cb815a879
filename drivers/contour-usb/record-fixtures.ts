import { writeFileSync } from 'node:fs';
import { FIXTURE_CASES, annotate, recordCase } from './fixture-cases.js';

/**
 * Writes test/fixtures/hid/contour-usb-<case>.txt from the simulator:
 * `npx tsx drivers/contour-usb/record-fixtures.ts`. (No USB capture of this meter is public;
 * every fixture comes from the simulator, built on the sources' worked frames.)
 */
for (const fixture of FIXTURE_CASES) {
  const file = new URL(`../../test/fixtures/hid/contour-usb-${fixture.name}.txt`, import.meta.url);
  writeFileSync(file, annotate(fixture, await recordCase(fixture)));
  console.log(`wrote ${file.pathname}`);
}
