import { z } from 'zod';
import { encodeHlc } from '../sync/hlc.js';
import { DEMOGRAPHIC_FIELDS, DemographicValues, FieldStamps } from './demographics.js';
import type { DemographicState, DemographicValues as Values, FieldStamp } from './demographics.js';

/**
 * Demographics as a stored FHIR Patient resource holds them. The station writes the resource
 * (main/records/fhir-resources.ts); this reads it where main cannot be imported (the hub), so
 * the hub merges from a pushed Patient alone. A test ties the two together.
 */
export const FIELD_CLOCKS_URL = 'https://cunyi.health/fhir/StructureDefinition/field-clocks';
const VILLAGE_URL = 'https://cunyi.health/fhir/StructureDefinition/village';
const NATIONAL_ID_SYSTEM = 'https://cunyi.health/fhir/sid/cn-resident-id';
const INSURANCE_SYSTEM = 'https://cunyi.health/fhir/sid/urban-rural-insurance';

/** Raised when a Patient resource does not hold readable demographics or field clocks. */
export class PatientBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatientBodyError';
  }
}

const PatientShape = z.object({
  resourceType: z.literal('Patient'),
  extension: z.array(z.object({ url: z.string(), valueString: z.string().optional() })).optional(),
  identifier: z.array(z.object({ system: z.string().optional(), value: z.string().optional() })).optional(),
  name: z.array(z.object({ text: z.string() })).min(1),
  telecom: z.array(z.object({ value: z.string() })).optional(),
  gender: z.string(),
  birthDate: z.string(),
  address: z.array(z.object({ line: z.array(z.string()).optional() })).optional(),
  contact: z
    .array(
      z.object({
        relationship: z.array(z.object({ text: z.string().optional() })).optional(),
        name: z.object({ text: z.string() }),
        telecom: z.array(z.object({ value: z.string() })).min(1),
      }),
    )
    .optional(),
});

/** The demographic values of a stored Patient resource; throws PatientBodyError if unreadable. */
export function demographicValuesOf(body: unknown): Values {
  const parsed = PatientShape.safeParse(body);
  if (!parsed.success) throw new PatientBodyError('not a readable Patient resource');
  const b = parsed.data;
  const idOf = (system: string) => b.identifier?.find((i) => i.system === system)?.value ?? null;
  const contact = b.contact?.[0];
  const values = DemographicValues.safeParse({
    name: b.name[0]?.text,
    sex: b.gender,
    birthDate: b.birthDate,
    nationalId: idOf(NATIONAL_ID_SYSTEM),
    phone: b.telecom?.[0]?.value ?? null,
    village: b.extension?.find((e) => e.url === VILLAGE_URL)?.valueString,
    address: b.address?.[0]?.line?.[1] ?? null,
    insuranceNumber: idOf(INSURANCE_SYSTEM),
    emergencyContact: contact
      ? {
          name: contact.name.text,
          relationship: contact.relationship?.[0]?.text ?? null,
          phone: contact.telecom[0]?.value,
        }
      : null,
  });
  if (!values.success) throw new PatientBodyError('Patient demographics out of bounds');
  return values.data;
}

/** The field clocks kept in a Patient resource; fields written before clocks existed are absent. */
export function fieldStampsOf(body: unknown): FieldStamps {
  const ext = (body as { extension?: unknown } | null)?.extension;
  const entry = Array.isArray(ext)
    ? (ext as { url?: unknown; valueString?: unknown }[]).find((e) => e?.url === FIELD_CLOCKS_URL)
    : undefined;
  if (entry === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(String(entry.valueString));
  } catch {
    throw new PatientBodyError('field clocks are not JSON');
  }
  const stamps = FieldStamps.safeParse(json);
  if (!stamps.success) throw new PatientBodyError('field clocks are malformed');
  return stamps.data;
}

/** The resource with its field-clocks extension set to `stamps` (any earlier one replaced). */
export function withFieldStamps<T extends Record<string, unknown>>(body: T, stamps: FieldStamps): T {
  const others = ((body.extension as { url: string }[] | undefined) ?? []).filter((e) => e.url !== FIELD_CLOCKS_URL);
  return { ...body, extension: [...others, { url: FIELD_CLOCKS_URL, valueString: JSON.stringify(stamps) }] };
}

/** The millisecond timestamp a UUIDv7 carries, or 0 for any other id. */
export function uuidV7Time(id: string): number {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex) || hex[12] !== '7') return 0;
  return parseInt(hex.slice(0, 12), 16);
}

/**
 * The stamp of a field as registered, before any edit. Patient ids are UUIDv7 made at
 * registration, so the id gives the registration time; station and hub derive the same stamp
 * for a field no clock was written for (patients registered before clocks existed, or a
 * registration body without them), and every later edit is greater.
 */
export function registrationStamp(patientId: string, ownerStationId: string): FieldStamp {
  return {
    hlc: encodeHlc({ wall: uuidV7Time(patientId), counter: 0, node: ownerStationId }),
    prev: null,
    origin: ownerStationId,
    by: null,
  };
}

/** A stored Patient's demographics with a stamp on every field. */
export function demographicStateOf(
  body: unknown,
  patientId: string,
  ownerStationId: string,
): Required<DemographicState> {
  const values = demographicValuesOf(body);
  const stamps = fieldStampsOf(body);
  const fallback = registrationStamp(patientId, ownerStationId);
  const state = {} as Record<string, unknown>;
  for (const field of DEMOGRAPHIC_FIELDS) state[field] = { ...(stamps[field] ?? fallback), value: values[field] };
  return state as Required<DemographicState>;
}
