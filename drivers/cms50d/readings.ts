import { SPO2_PULSE_OXIMETRY, VITALS } from '../../contract/records/vitals.js';
import type { Measurement } from '../core/events.js';

/**
 * Which values are readings. 127 in a 7-bit field means "no reading" (protocols.md); for the
 * legacy 8-bit pulse that is also 255 (the same 7 bits with the high bit set). 0 is what
 * headrotor's notes say stored seconds hold when nothing was recognised, and no oximeter
 * reports a saturation or pulse of 0, so it is not passed on as one either. The cost: a real
 * pulse of exactly 127 bpm cannot be told from "no reading" and is not emitted.
 */
export const isSpo2Reading = (value: number): boolean => value !== 0 && value !== 127;
export const isPulseReading = (value: number): boolean => value !== 0 && value !== 127 && value !== 255;

export type Extra = Pick<Measurement, 'stored' | 'context'>;

export const spo2Measurement = (value: number, time: string, extra: Extra = {}): Measurement => ({
  type: 'measurement',
  loinc: SPO2_PULSE_OXIMETRY.loinc,
  display: SPO2_PULSE_OXIMETRY.display,
  value,
  unit: '%',
  time,
  ...extra,
});

export const pulseMeasurement = (value: number, time: string, extra: Extra = {}): Measurement => ({
  type: 'measurement',
  loinc: VITALS.heartRate.loinc,
  display: VITALS.heartRate.display,
  value,
  unit: VITALS.heartRate.ucum,
  time,
  ...extra,
});

/** Measurements for one reading, leaving out the fields that hold "no reading". */
export const measurementsOf = (r: { spo2: number; pulse: number }, time: string, extra: Extra = {}): Measurement[] => [
  ...(isSpo2Reading(r.spo2) ? [spo2Measurement(r.spo2, time, extra)] : []),
  ...(isPulseReading(r.pulse) ? [pulseMeasurement(r.pulse, time, extra)] : []),
];

/**
 * Neither generation sends a clock with stored data (atbrask asks the user for a start time;
 * headrotor counts seconds from 0). Without one, the recording is taken to have ended when
 * the download started: second i of n is at start − (n − i) s, and says so in its context.
 */
export function storedMeasurements(
  readings: readonly { spo2: number; pulse: number }[],
  downloadStartedAt: number,
): Measurement[] {
  const extra: Extra = { stored: true, context: { timeBasis: 'estimated: recording ended at download start' } };
  return readings.flatMap((r, i) =>
    measurementsOf(r, new Date(downloadStartedAt - (readings.length - i) * 1000).toISOString(), extra),
  );
}
