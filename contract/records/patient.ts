import { z } from 'zod';
import { ChronicConditionKey } from './chronic-conditions.js';

const noControl = (s: string) => !/[\p{Cc}\p{Cf}]/u.test(s);

/** Free text from a form: trimmed, bounded, no control or format characters. */
export const Text = (max: number) =>
  z.string().trim().max(max, 'text.too_long').refine(noControl, 'text.control_characters');

const RequiredText = (max: number) => Text(max).pipe(z.string().min(1, 'text.required'));

/** A calendar date as typed on a form; must exist and not lie in the future. */
export const PastDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date.format')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'date.invalid')
  .refine((s) => s >= '1900-01-01', 'date.too_early')
  .refine((s) => s <= new Date().toISOString().slice(0, 10), 'date.future');

/** Mainland mobile (11 digits starting 1[3-9]) or a landline with area code. */
export const Phone = z
  .string()
  .trim()
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^(1[3-9]\d{9}|0\d{9,11})$/, 'phone.format'));

export const Sex = z.enum(['male', 'female']);

/** A person's name: letters of any script, the middle dot of minority names, spaces, dots, hyphens. */
export const PersonName = RequiredText(32).pipe(z.string().regex(/^[\p{L}\p{M}·.\- ']+$/u, 'name.characters'));

export const AllergyInput = z.object({
  substance: RequiredText(64),
  reaction: Text(200).optional(),
  severity: z.enum(['mild', 'moderate', 'severe']).optional(),
});

export const EmergencyContact = z.object({
  name: PersonName,
  relationship: Text(16).optional(),
  phone: Phone,
});

/** What the registration form sends. */
export const PatientInput = z
  .object({
    name: PersonName,
    sex: Sex,
    birthDate: PastDate,
    nationalId: z.string().trim().max(24).optional(),
    phone: Phone.optional(),
    village: RequiredText(64),
    address: Text(200).optional(),
    insuranceNumber: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z]{1,32}$/, 'insurance.format')
      .optional(),
    allergies: z.array(AllergyInput).max(20).default([]),
    chronicConditions: z.array(ChronicConditionKey).max(20).default([]),
    emergencyContact: EmergencyContact.optional(),
    consent: z.object({ telemedicine: z.boolean(), shareWithHub: z.boolean() }).strict(),
  })
  .strict();
export type PatientInput = z.input<typeof PatientInput>;
export type PatientFields = z.output<typeof PatientInput>;

/** One line of the search results. */
export const PatientSummary = z.object({
  id: z.string(),
  name: z.string(),
  sex: Sex,
  birthDate: z.string(),
  age: z.number().int().nonnegative(),
  village: z.string().nullable(),
  nationalIdMasked: z.string().nullable(),
  phone: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
});
export type PatientSummary = z.infer<typeof PatientSummary>;

/** Why a candidate looks like the patient being registered. */
export const DuplicateReason = z.enum(['same_national_id', 'same_pinyin_and_birth_date', 'same_phone_similar_name']);

export const DuplicateCandidate = PatientSummary.extend({ reasons: z.array(DuplicateReason) });
export type DuplicateCandidate = z.infer<typeof DuplicateCandidate>;

/** The whole record header the patient page shows. */
export const PatientRecord = PatientSummary.extend({
  version: z.number().int(),
  nationalId: z.string().nullable(),
  address: z.string().nullable(),
  insuranceNumber: z.string().nullable(),
  emergencyContact: z.object({ name: z.string(), relationship: z.string().nullable(), phone: z.string() }).nullable(),
  allergies: z.array(
    z.object({
      id: z.string(),
      substance: z.string(),
      reaction: z.string().nullable(),
      severity: z.string().nullable(),
    }),
  ),
  chronicConditions: z.array(z.object({ id: z.string(), code: z.string(), key: z.string().nullable() })),
  consent: z
    .object({ telemedicine: z.boolean(), shareWithHub: z.boolean(), capturedAt: z.string(), capturedBy: z.string() })
    .nullable(),
  registeredAt: z.string(),
  openVisitId: z.string().nullable(),
});
export type PatientRecord = z.infer<typeof PatientRecord>;

/** What a 2nd-generation ID card holds, as the reader (a later driver) decodes it. */
export const IdCardData = z
  .object({
    name: z.string().trim().min(1).max(32),
    sex: Sex,
    ethnicity: z.string().max(16).optional(),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    address: z.string().max(200).optional(),
    nationalId: z.string().max(24),
    issuingAuthority: z.string().max(64).optional(),
    validFrom: z.string().max(10).optional(),
    validTo: z.string().max(10).optional(),
  })
  .strict();
export type IdCardData = z.infer<typeof IdCardData>;

export const IdCardPrefill = z.object({
  /** The registration form's fields as the card gives them; the doctor still confirms. */
  fields: z.object({
    name: z.string(),
    sex: Sex,
    birthDate: z.string(),
    nationalId: z.string(),
    address: z.string().nullable(),
  }),
  /** The card's ID is already registered here: open that patient instead. */
  existingPatientId: z.string().nullable(),
  /** The card's number failed its own check (a misread): the doctor must look at it. */
  nationalIdProblem: z.enum(['format', 'check_digit', 'birth_date', 'region']).nullable(),
});
export type IdCardPrefill = z.infer<typeof IdCardPrefill>;
