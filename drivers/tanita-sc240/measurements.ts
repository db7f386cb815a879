import type { Measurement } from '../core/events.js';
import type { ScaleLine } from './line.js';

/** LOINC codes and UCUM units for what the scale reports (as contract/records/vitals.ts codes them). */
export const CODES = {
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg' },
  bmi: { loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2' },
  // Body fat has its own LOINC code, so it is a measurement of its own rather than a note on
  // the weight: the record can chart it and a FHIR export can carry it as an Observation.
  fat: { loinc: '41982-0', display: 'Percentage of body fat Measured', unit: '%' },
} as const;

/**
 * The measurements one line yields: weight always, BMI and body fat when the scale sent them.
 * All share the arrival time (the line carries no clock this driver knows of) so the station
 * can tell they belong to one weighing.
 */
export function measurementsOf(line: ScaleLine, time: string): Measurement[] {
  const out: Measurement[] = [{ type: 'measurement', ...CODES.weight, value: line.weightKg, time }];
  if (line.bmi !== undefined) out.push({ type: 'measurement', ...CODES.bmi, value: line.bmi, time });
  if (line.fatPercent !== undefined) out.push({ type: 'measurement', ...CODES.fat, value: line.fatPercent, time });
  return out;
}
