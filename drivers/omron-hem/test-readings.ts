import fc from 'fast-check';
import type { StoredBpReading } from './simulator.js';

/**
 * Test data: any reading the unit can hold. Days stop at 28 so every generated date exists;
 * the values span a whole byte, as the record stores them.
 */
export const storedReading: fc.Arbitrary<StoredBpReading> = fc.record({
  year: fc.integer({ min: 2000, max: 2099 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 0, max: 23 }),
  minute: fc.integer({ min: 0, max: 59 }),
  second: fc.integer({ min: 0, max: 59 }),
  systolic: fc.integer({ min: 0, max: 255 }),
  diastolic: fc.integer({ min: 0, max: 255 }),
  pulse: fc.integer({ min: 0, max: 255 }),
  flags: fc.integer({ min: 0, max: 255 }),
  unknown: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)),
});
