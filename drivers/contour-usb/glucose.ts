import { GLUCOSE_MG_DL, VITALS } from '../../contract/records/vitals.js';
import type { VitalSpec } from '../../contract/records/vitals.js';
import type { Measurement } from '../core/events.js';
import type { ResultRecord } from './astm-records.js';
import { meterClockTime } from './device-time.js';

/** The LOINC code follows the unit the meter reports; the value is never converted. */
const BY_UNIT: Readonly<Record<string, VitalSpec>> = { 'mg/dL': GLUCOSE_MG_DL, 'mmol/L': VITALS.glucose };

/** Result markers with a meaning, from glucodump's resultflagmap (glucometerutils keeps them as a comment). */
const MEAL: Readonly<Record<string, string>> = { B: 'before', A: 'after' };
const HOURS_AFTER_MEAL: Readonly<Record<string, string>> = {
  Z1: '0.25',
  Z2: '0.50',
  Z3: '0.75',
  Z4: '1.00',
  Z5: '1.25',
  Z6: '1.50',
  Z7: '1.75',
  Z8: '2.00',
  Z9: '2.25',
  ZA: '2.50',
  ZB: '2.75',
  ZC: '3.00',
};
/** glucodump: "result low" / "result high". Whether that means outside the meter's range is not said. */
const RANGE: Readonly<Record<string, string>> = { '<': 'low', '>': 'high' };
/** The reference field (P, B …), per glucodump's referencemap. */
const REFERENCE: Readonly<Record<string, string>> = {
  B: 'whole blood',
  P: 'plasma',
  C: 'capillary',
  D: 'deproteinized whole blood',
};
/** glucodump: marker C is a control-solution test. */
const CONTROL = 'C';

export type GlucoseOutcome =
  | { readonly kind: 'reading'; readonly measurement: Measurement }
  /** A control-solution test: checks the meter and strips, says nothing about the patient. */
  | { readonly kind: 'control' }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * A result record as a stored glucose measurement, value exactly as printed, with what the
 * markers say about meals in `context` (and the raw markers, so nothing the meter said is lost).
 */
export function glucoseOf(result: ResultRecord, control = false): GlucoseOutcome {
  if (control || result.markers.includes(CONTROL)) return { kind: 'control' };
  if (result.test !== 'Glucose')
    return { kind: 'invalid', reason: `result ${result.sequence} is a "${result.test}" test` };
  const spec = BY_UNIT[result.unit];
  if (!spec) return { kind: 'invalid', reason: `result ${result.sequence} has unit "${result.unit}"` };
  const time = meterClockTime(result.time);
  if (!time) return { kind: 'invalid', reason: `result ${result.sequence} has time "${result.time}"` };
  const context: Record<string, string> = {};
  for (const marker of result.markers) {
    const meal = MEAL[marker];
    const hours = HOURS_AFTER_MEAL[marker];
    const range = RANGE[marker];
    if (meal) context['meal'] = meal;
    if (hours) [context['meal'], context['hoursAfterMeal']] = ['after', hours];
    if (range) context['range'] = range;
  }
  if (result.markers.length > 0) context['markers'] = result.markers.join('/');
  const reference = REFERENCE[result.reference];
  if (reference) context['reference'] = reference;
  return {
    kind: 'reading',
    measurement: {
      type: 'measurement',
      loinc: spec.loinc,
      display: spec.display,
      value: Number(result.value),
      unit: spec.ucum,
      time,
      stored: true,
      ...(Object.keys(context).length > 0 ? { context } : {}),
    },
  };
}
