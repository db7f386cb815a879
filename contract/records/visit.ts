import { z } from 'zod';
import { Text } from './patient.js';

/** Why the patient came: the kinds a village station sees, for lists and follow-up counting. */
export const VisitReason = z.enum([
  'illness',
  'chronic_follow_up',
  'check_up',
  'injury',
  'maternal_child',
  'emergency',
  'other',
]);
export type VisitReason = z.infer<typeof VisitReason>;

export const RecordId = z.string().min(1).max(64);

export const OpenVisitInput = z
  .object({
    patientId: RecordId,
    reason: VisitReason,
    chiefComplaint: Text(500).optional(),
  })
  .strict();

/** The doctor's notes on an open visit; each save is a new version, nothing is overwritten. */
export const VisitNotesInput = z
  .object({
    visitId: RecordId,
    chiefComplaint: Text(500).optional(),
    history: Text(4000).optional(),
    examination: Text(4000).optional(),
    plan: Text(4000).optional(),
  })
  .strict();

/** An ICD-10 code from the shipped list, free text, or both. */
export const DiagnosisInput = z
  .object({
    visitId: RecordId,
    code: z
      .string()
      .regex(/^[A-Z]\d{2}(\.\d{1,2})?$/, 'diagnosis.code_format')
      .optional(),
    text: Text(200).optional(),
  })
  .strict()
  .refine((d) => d.code !== undefined || (d.text ?? '') !== '', { message: 'diagnosis.empty', path: ['text'] });

export const CorrectionReason = Text(200).pipe(z.string().min(1, 'text.required'));

export const Interpretation = z.enum(['N', 'L', 'H', 'LL', 'HH']);
export type Interpretation = z.infer<typeof Interpretation>;

export const RecordStatus = z.string();

/** One measured value as stored: never rounded; the unit always travels with it. */
export const VitalReading = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: z.string(),
  loinc: z.string(),
  value: z.number(),
  /** The diastolic value of a blood-pressure panel. */
  value2: z.number().nullable(),
  unit: z.string(),
  interpretation: Interpretation.nullable(),
  interpretation2: Interpretation.nullable(),
  context: z.string().nullable(),
  status: z.enum(['final', 'amended', 'entered-in-error']),
  effectiveAt: z.string(),
  visitId: z.string().nullable(),
});
export type VitalReading = z.infer<typeof VitalReading>;

export const Diagnosis = z.object({
  id: z.string(),
  version: z.number().int(),
  code: z.string().nullable(),
  /** The shipped list's names for the code, when it has one. */
  names: z.object({ zh: z.string(), en: z.string() }).nullable(),
  text: z.string().nullable(),
  status: z.enum(['active', 'entered-in-error']),
  recordedAt: z.string(),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

export const Visit = z.object({
  id: z.string(),
  version: z.number().int(),
  patientId: z.string(),
  status: z.enum(['in-progress', 'finished', 'entered-in-error']),
  reason: VisitReason,
  chiefComplaint: z.string().nullable(),
  history: z.string().nullable(),
  examination: z.string().nullable(),
  plan: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  doctor: z.string(),
  vitals: z.array(VitalReading),
  diagnoses: z.array(Diagnosis),
});
export type Visit = z.infer<typeof Visit>;

/** One line of a patient's timeline: every version, so a correction shows next to what it corrects. */
export const TimelineEntry = z.object({
  recordId: z.string(),
  version: z.number().int(),
  type: z.enum([
    'Patient',
    'Encounter',
    'Observation',
    'Condition',
    'AllergyIntolerance',
    'Consent',
    'ServiceRequest',
    'Communication',
    'Media',
  ]),
  status: z.string(),
  at: z.string(),
  by: z.string(),
  visitId: z.string().nullable(),
  /** A short, language-neutral description: codes, values and units; the UI words it. */
  summary: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** The version this one replaces (a correction), if any. */
  replaces: z.number().int().nullable(),
  correctionReason: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const TrendPoint = z.object({
  at: z.string(),
  value: z.number(),
  value2: z.number().nullable(),
  unit: z.string(),
  interpretation: Interpretation.nullable(),
});
export const Trends = z.object({
  bloodPressure: z.array(TrendPoint),
  glucose: z.array(TrendPoint),
  weight: z.array(TrendPoint),
});
export type Trends = z.infer<typeof Trends>;

export const FollowUpItem = z.object({
  patientId: z.string(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  age: z.number().int(),
  village: z.string().nullable(),
  phone: z.string().nullable(),
  programs: z.array(z.enum(['hypertension', 'diabetes'])),
  lastFollowUpAt: z.string().nullable(),
  dueOn: z.string(),
  state: z.enum(['due_soon', 'due', 'overdue', 'ok']),
  daysOverdue: z.number().int(),
});
export type FollowUpItem = z.infer<typeof FollowUpItem>;
