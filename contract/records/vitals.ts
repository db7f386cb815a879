import { z } from 'zod';

/**
 * Vital signs a village doctor enters by hand, coded as FHIR R4 vital-signs Observations
 * (LOINC codes, UCUM units).
 *
 * Three bands per kind:
 * - limits: outside them a value is not a reading but a typo (systolic 400 mmHg); refused.
 * - normal: adult reference range; outside it a value is stored and flagged H or L.
 * - critical: flagged HH or LL, for values that need action now.
 * Values are never rounded, clamped or converted: what was measured is what is stored.
 *
 * Ranges: blood pressure from the Chinese Guidelines for the Management of Hypertension
 * (2018 revision: ≥140/90 hypertension, ≥180/110 grade 3); BMI from WS/T 428-2013 (Chinese
 * adults: 18.5–23.9 normal, ≥24 overweight, ≥28 obese); glucose from the Chinese Diabetes
 * Society guideline (fasting 3.9–6.1 mmol/L, random < 11.1, < 3.9 hypoglycaemia, < 3.0
 * clinically significant hypoglycaemia, ≥ 16.7 hyperglycaemic crisis threshold); SpO2 < 90 %
 * needs oxygen; temperature per the Chinese axillary reference 36.0–37.3 °C.
 */

export type Interpretation = 'N' | 'L' | 'H' | 'LL' | 'HH';

export interface VitalSpec {
  readonly loinc: string;
  /** The LOINC display name, in English as LOINC publishes it. */
  readonly display: string;
  readonly ucum: string;
  /** The unit as people write it (°C rather than Cel). */
  readonly unit: string;
  readonly limits: readonly [number, number];
  readonly normal: readonly [number, number] | null;
  readonly critical: readonly [number | null, number | null] | null;
}

/** LOINC 11524-6 "EKG study": an ECG strip, its leads as SampledData components. */
export const ECG_LOINC = '11524-6';

export const BP_PANEL = { loinc: '85354-9', display: 'Blood pressure panel with all children optional' } as const;

export const VITALS = {
  systolic: {
    loinc: '8480-6',
    display: 'Systolic blood pressure',
    ucum: 'mm[Hg]',
    unit: 'mmHg',
    limits: [40, 300],
    normal: [90, 139],
    critical: [70, 180],
  },
  diastolic: {
    loinc: '8462-4',
    display: 'Diastolic blood pressure',
    ucum: 'mm[Hg]',
    unit: 'mmHg',
    limits: [20, 200],
    normal: [60, 89],
    critical: [40, 110],
  },
  heartRate: {
    loinc: '8867-4',
    display: 'Heart rate',
    ucum: '/min',
    unit: '/min',
    limits: [20, 300],
    normal: [60, 100],
    critical: [40, 150],
  },
  spo2: {
    // 2708-6 is entered by hand; pulse oximeters report 59408-5 (see SPO2_PULSE_OXIMETRY).
    loinc: '2708-6',
    display: 'Oxygen saturation in Arterial blood',
    ucum: '%',
    unit: '%',
    limits: [50, 100],
    normal: [95, 100],
    critical: [90, null],
  },
  temperature: {
    loinc: '8310-5',
    display: 'Body temperature',
    ucum: 'Cel',
    unit: '°C',
    limits: [30, 45],
    normal: [36.0, 37.3],
    critical: [35.0, 40.0],
  },
  respiratoryRate: {
    loinc: '9279-1',
    display: 'Respiratory rate',
    ucum: '/min',
    unit: '/min',
    limits: [4, 80],
    normal: [12, 20],
    critical: [8, 30],
  },
  glucose: {
    loinc: '15074-8',
    display: 'Glucose [Moles/volume] in Blood',
    ucum: 'mmol/L',
    unit: 'mmol/L',
    limits: [0.5, 50],
    normal: [3.9, 11.0],
    critical: [3.0, 16.7],
  },
  weight: {
    loinc: '29463-7',
    display: 'Body weight',
    ucum: 'kg',
    unit: 'kg',
    limits: [0.5, 300],
    normal: null,
    critical: null,
  },
  height: {
    loinc: '8302-2',
    display: 'Body height',
    ucum: 'cm',
    unit: 'cm',
    limits: [30, 250],
    normal: null,
    critical: null,
  },
  bmi: {
    loinc: '39156-5',
    display: 'Body mass index (BMI) [Ratio]',
    ucum: 'kg/m2',
    unit: 'kg/m²',
    limits: [5, 150],
    normal: [18.5, 23.9],
    critical: null,
  },
} as const satisfies Record<string, VitalSpec>;

export type VitalKind = keyof typeof VITALS;

export const SPO2_PULSE_OXIMETRY = {
  loinc: '59408-5',
  display: 'Oxygen saturation in Arterial blood by Pulse oximetry',
} as const;

/** Glucose measured in mg/dL keeps its unit and takes the mass-concentration code. */
export const GLUCOSE_MG_DL: VitalSpec = {
  loinc: '2339-0',
  display: 'Glucose [Mass/volume] in Blood',
  ucum: 'mg/dL',
  unit: 'mg/dL',
  limits: [9, 900],
  normal: [70, 199],
  critical: [54, 300],
};

/** A fasting sample has a narrower normal range than a random one. */
const FASTING_NORMAL = { 'mmol/L': [3.9, 6.1], 'mg/dL': [70, 110] } as const;

export const GlucoseUnit = z.enum(['mmol/L', 'mg/dL']);
export type GlucoseUnit = z.infer<typeof GlucoseUnit>;
export const GlucoseContext = z.enum(['fasting', 'random', 'postprandial2h']);
export type GlucoseContext = z.infer<typeof GlucoseContext>;

export function specOf(kind: VitalKind, glucoseUnit: GlucoseUnit = 'mmol/L'): VitalSpec {
  return kind === 'glucose' && glucoseUnit === 'mg/dL' ? GLUCOSE_MG_DL : VITALS[kind];
}

/** The FHIR interpretation of a value against its ranges; null when the kind has none. */
export function interpret(
  kind: VitalKind,
  value: number,
  context?: { glucoseUnit?: GlucoseUnit; glucoseContext?: GlucoseContext },
): Interpretation | null {
  const spec = specOf(kind, context?.glucoseUnit);
  const normal =
    kind === 'glucose' && context?.glucoseContext === 'fasting'
      ? FASTING_NORMAL[context.glucoseUnit ?? 'mmol/L']
      : spec.normal;
  if (normal === null) return null;
  const [criticalLow, criticalHigh] = spec.critical ?? [null, null];
  if (criticalLow !== null && value < criticalLow) return 'LL';
  if (criticalHigh !== null && value >= criticalHigh) return 'HH';
  if (value < normal[0]) return 'L';
  if (value > normal[1]) return 'H';
  return 'N';
}

/** Body mass index in kg/m², unrounded (the UI shows one decimal). */
export function bmi(weightKg: number, heightCm: number): number {
  return weightKg / (heightCm / 100) ** 2;
}

const Reading = z.number().finite();
/** The kinds a vitals entry can carry, in the order forms and lists show them. */
export const VITAL_ENTRY_KINDS = [
  'systolic',
  'diastolic',
  'heartRate',
  'spo2',
  'temperature',
  'respiratoryRate',
  'glucose',
  'weight',
  'height',
] as const;
export type EnteredKind = (typeof VITAL_ENTRY_KINDS)[number];

/**
 * The kinds a stored reading has, in display order: the blood-pressure panel is one reading
 * with two values, BMI is derived from weight and height.
 */
export const READING_KINDS = [
  'bloodPressure',
  ...(VITAL_ENTRY_KINDS.filter((k) => k !== 'systolic' && k !== 'diastolic') as Exclude<
    EnteredKind,
    'systolic' | 'diastolic'
  >[]),
  'bmi',
] as const;
export type ReadingKind = (typeof READING_KINDS)[number];

export function isReadingKind(kind: string): kind is ReadingKind {
  return (READING_KINDS as readonly string[]).includes(kind);
}

const KIND_BY_LOINC: Readonly<Record<string, ReadingKind>> = {
  [BP_PANEL.loinc]: 'bloodPressure',
  [SPO2_PULSE_OXIMETRY.loinc]: 'spo2',
  [GLUCOSE_MG_DL.loinc]: 'glucose',
  ...Object.fromEntries(READING_KINDS.filter((k) => k !== 'bloodPressure').map((k) => [VITALS[k].loinc, k])),
};

/** The reading kind a LOINC code stands for (timeline entries carry codes, not kinds). */
export function kindOfLoinc(loinc: string | null | undefined): ReadingKind | null {
  return loinc ? (KIND_BY_LOINC[loinc] ?? null) : null;
}

/** One vitals entry as the form (or a device, later) sends it: numbers only, never strings. */
export const VitalsInput = z
  .object({
    systolic: Reading.optional(),
    diastolic: Reading.optional(),
    heartRate: Reading.optional(),
    spo2: Reading.optional(),
    temperature: Reading.optional(),
    respiratoryRate: Reading.optional(),
    glucose: Reading.optional(),
    glucoseUnit: GlucoseUnit.default('mmol/L'),
    glucoseContext: GlucoseContext.default('random'),
    weight: Reading.optional(),
    height: Reading.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const present = VITAL_ENTRY_KINDS.filter((k) => v[k] !== undefined);
    if (present.length === 0) ctx.addIssue({ code: 'custom', path: [], message: 'vitals.empty' });
    for (const kind of present) {
      const value = v[kind] as number;
      const spec = specOf(kind, v.glucoseUnit);
      const [min, max] = spec.limits;
      if (value < min || value > max) {
        ctx.addIssue({
          code: 'custom',
          path: [kind],
          message: 'vitals.out_of_limits',
          params: { min, max, unit: spec.unit },
        });
      }
    }
    if ((v.systolic === undefined) !== (v.diastolic === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [v.systolic === undefined ? 'systolic' : 'diastolic'],
        message: 'vitals.bp_incomplete',
      });
    } else if (v.systolic !== undefined && v.diastolic !== undefined && v.systolic <= v.diastolic) {
      ctx.addIssue({ code: 'custom', path: ['diastolic'], message: 'vitals.bp_order' });
    }
  });
export type VitalsInput = z.input<typeof VitalsInput>;
export type VitalsFields = z.output<typeof VitalsInput>;
