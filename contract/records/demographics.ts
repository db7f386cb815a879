import { z } from 'zod';
import { HlcText } from '../sync/hlc.js';
import { PatientInput, Sex } from './patient.js';
import { RecordId } from './visit.js';

/**
 * Patient demographics as separately editable fields. Each field carries the hybrid logical
 * clock of the write that set it, so an edit made on the station and one made at the hub
 * merge field by field: the later clock wins, the other value goes to a conflict log.
 */
export const DEMOGRAPHIC_FIELDS = [
  'name',
  'sex',
  'birthDate',
  'nationalId',
  'phone',
  'village',
  'address',
  'insuranceNumber',
  'emergencyContact',
] as const;
export const DemographicField = z.enum(DEMOGRAPHIC_FIELDS);
export type DemographicField = z.infer<typeof DemographicField>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const bounded = (max: number) => z.string().max(max);

/**
 * Each field's value as stored and sent between station and hub: its shape and bounds only.
 * What a doctor may type is checked on entry (DemographicChanges); a stored value is not
 * re-judged by today's date or rules when it travels.
 */
export const DemographicValueSchemas = {
  name: bounded(32).min(1),
  sex: Sex,
  birthDate: z.string().regex(DATE),
  nationalId: bounded(24).nullable(),
  phone: bounded(20).nullable(),
  village: bounded(64).min(1),
  address: bounded(200).nullable(),
  insuranceNumber: bounded(32).nullable(),
  emergencyContact: z
    .object({ name: bounded(32).min(1), relationship: bounded(16).nullable(), phone: bounded(20) })
    .strict()
    .nullable(),
} as const satisfies Record<DemographicField, z.ZodType>;

export const DemographicValues = z.object(DemographicValueSchemas).strict();
export type DemographicValues = z.infer<typeof DemographicValues>;

/** Who last set a field and when: its clock, the clock of the value it replaced, where, by whom. */
export const FieldStamp = z
  .object({
    hlc: HlcText,
    /** The clock of the value this write replaced (null for registration): tells a causal overwrite from a conflict. */
    prev: HlcText.nullable(),
    /** The station id, or `hub`. */
    origin: z.string().min(1).max(64),
    /** The station user id or the hub account; null where unknown (registration before clocks). */
    by: z.string().max(64).nullable(),
  })
  .strict();
export type FieldStamp = z.infer<typeof FieldStamp>;

/** A field's value together with its stamp. */
export interface FieldState extends FieldStamp {
  readonly value: unknown;
}

/** A patient's demographics as one replica holds them, field by field. */
export type DemographicState = Partial<Record<DemographicField, FieldState>>;

/** The per-field stamps as kept inside the Patient resource (see demographics-fhir.ts). */
export const FieldStamps = z.partialRecord(DemographicField, FieldStamp);
export type FieldStamps = z.infer<typeof FieldStamps>;

const FieldStateSchema = FieldStamp.extend({ value: z.unknown() });

/**
 * A `demographics` pull item: fields the hub changed for one patient, each with its value and
 * stamp. Only the fields of the hub's edit are sent, so the station never takes an older
 * copy of a field it has since changed for the hub's latest word on it.
 */
export const DemographicsPayload = z
  .object({
    patientId: z.uuid(),
    fields: z.partialRecord(DemographicField, FieldStateSchema),
  })
  .strict()
  .superRefine((payload, ctx) => {
    for (const [field, state] of Object.entries(payload.fields)) {
      if (state === undefined) continue;
      const schema = DemographicValueSchemas[field as DemographicField] as z.ZodType;
      if (!schema.safeParse(state.value).success)
        ctx.addIssue({ code: 'custom', path: ['fields', field, 'value'], message: 'demographics.value' });
    }
  });
export type DemographicsPayload = z.infer<typeof DemographicsPayload>;

const shape = PatientInput.shape;

/**
 * An edit, checked with registration's own field rules. A field left out is unchanged; null
 * clears an optional field. The national ID may only be added where none is recorded
 * (changing a verified ID is not an ordinary edit and is refused).
 */
export const DemographicChanges = z
  .object({
    name: shape.name.optional(),
    sex: shape.sex.optional(),
    birthDate: shape.birthDate.optional(),
    nationalId: shape.nationalId,
    phone: shape.phone.nullable(),
    village: shape.village.optional(),
    address: shape.address.nullable(),
    insuranceNumber: shape.insuranceNumber.nullable(),
    emergencyContact: shape.emergencyContact.nullable(),
  })
  .strict();
export type DemographicChanges = z.input<typeof DemographicChanges>;
export type DemographicChangeFields = z.output<typeof DemographicChanges>;

export const UpdateDemographicsInput = z
  .object({
    patientId: RecordId,
    /** The Patient version the form was filled from; a newer one refuses the edit (stale_version). */
    expectedVersion: z.number().int().min(1),
    changes: DemographicChanges,
    /** The doctor checked that a typed birth date or sex differing from the ID is right. */
    acceptIdMismatch: z.boolean().optional(),
  })
  .strict();
export type UpdateDemographicsInput = z.input<typeof UpdateDemographicsInput>;

export const UpdateDemographicsResult = z.object({
  version: z.number().int(),
  /** The fields whose value changed; empty when the edit changed nothing (nothing written). */
  changed: z.array(DemographicField),
});

const ConflictSide = z.object({
  value: z.unknown(),
  hlc: z.string(),
  origin: z.string(),
  by: z.string().nullable(),
  /** The write's time by its clock (the HLC's physical part), ISO 8601. */
  at: z.string(),
});

/** A value that lost to a concurrent edit of the same field, and the value that was kept. */
export const DemographicConflict = z.object({
  id: z.number().int(),
  field: DemographicField,
  kept: ConflictSide,
  lost: ConflictSide,
  noticedAt: z.string(),
});
export type DemographicConflict = z.infer<typeof DemographicConflict>;

/** Turns an edit's values into stored values: "" in an optional text field clears it. */
export function normalizedChanges(changes: DemographicChangeFields): Partial<DemographicValues> {
  const out: Partial<Record<DemographicField, unknown>> = {};
  for (const field of DEMOGRAPHIC_FIELDS) {
    const value = (changes as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (field === 'nationalId' && value === '') continue;
    if (field === 'emergencyContact' && value !== null) {
      const c = value as { name: string; relationship?: string | undefined; phone: string };
      out[field] = { name: c.name, relationship: c.relationship ? c.relationship : null, phone: c.phone };
      continue;
    }
    out[field] = value === '' ? null : value;
  }
  return out as Partial<DemographicValues>;
}
