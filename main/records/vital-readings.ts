import { BP_PANEL, bmi, interpret, specOf, VITAL_ENTRY_KINDS, VITALS } from '../../contract/records/vitals.js';
import type { Interpretation, VitalKind, VitalsFields } from '../../contract/records/vitals.js';

/** One Observation to write: a single value, or the blood-pressure panel with two components. */
export interface Reading {
  /** The kind the projections and charts use: bloodPressure for the panel. */
  kind: string;
  loinc: string;
  display: string;
  value: number;
  value2: number | null;
  unit: string;
  ucum: string;
  interpretation: Interpretation | null;
  context: string | null;
  components?: {
    loinc: string;
    display: string;
    value: number;
    unit: string;
    ucum: string;
    interpretation: Interpretation | null;
  }[];
}

/** Every kind but the two halves of blood pressure is its own Observation. */
const SINGLE = VITAL_ENTRY_KINDS.filter((k) => k !== 'systolic' && k !== 'diastolic');

/**
 * Splits a parsed vitals entry into Observations. Values pass through untouched; BMI is
 * derived from a weight and height entered together.
 */
export function readingsFromVitals(v: VitalsFields): Reading[] {
  const out: Reading[] = [];
  if (v.systolic !== undefined && v.diastolic !== undefined) {
    const component = (kind: 'systolic' | 'diastolic', value: number) => ({
      loinc: VITALS[kind].loinc,
      display: VITALS[kind].display,
      value,
      unit: VITALS[kind].unit,
      ucum: VITALS[kind].ucum,
      interpretation: interpret(kind, value),
    });
    const systolic = component('systolic', v.systolic);
    const diastolic = component('diastolic', v.diastolic);
    out.push({
      kind: 'bloodPressure',
      loinc: BP_PANEL.loinc,
      display: BP_PANEL.display,
      value: v.systolic,
      value2: v.diastolic,
      unit: systolic.unit,
      ucum: systolic.ucum,
      interpretation: systolic.interpretation,
      context: null,
      components: [systolic, diastolic],
    });
  }
  const single = (kind: VitalKind, value: number, context: string | null = null): Reading => {
    const spec = specOf(kind, v.glucoseUnit);
    return {
      kind,
      loinc: spec.loinc,
      display: spec.display,
      value,
      value2: null,
      unit: spec.unit,
      ucum: spec.ucum,
      interpretation: interpret(kind, value, { glucoseUnit: v.glucoseUnit, glucoseContext: v.glucoseContext }),
      context,
    };
  };
  for (const kind of SINGLE) {
    const value = v[kind];
    if (value !== undefined) out.push(single(kind, value, kind === 'glucose' ? v.glucoseContext : null));
  }
  if (v.weight !== undefined && v.height !== undefined) out.push(single('bmi', bmi(v.weight, v.height)));
  return out;
}
