import { DemographicChanges } from '../../../../contract/records/demographics.js';
import type { DemographicChanges as Changes } from '../../../../contract/records/demographics.js';
import type { FieldIssue } from '../../../../contract/errors.js';
import type { PatientRecord } from '../../../../contract/records/patient.js';
import { emptyDraft } from '../registration/registration-draft.js';
import type { RegistrationDraft } from '../registration/registration-draft.js';

/**
 * The edit form holds the registration form's draft shape, so its contact sections are the
 * registration's own; allergies, conditions and consent are not edited here.
 */
export function draftFromPatient(p: PatientRecord): RegistrationDraft {
  return {
    ...emptyDraft(),
    name: p.name,
    sex: p.sex,
    birthDate: p.birthDate,
    nationalId: p.nationalId ?? '',
    phone: p.phone ?? '',
    village: p.village ?? '',
    address: p.address ?? '',
    insuranceNumber: p.insuranceNumber ?? '',
    contactName: p.emergencyContact?.name ?? '',
    contactRelationship: p.emergencyContact?.relationship ?? '',
    contactPhone: p.emergencyContact?.phone ?? '',
  };
}

const same = (a: string, b: string) => a.trim() === b.trim();

/**
 * The draft over a newer version of the record (reloaded after a refusal as stale): what the
 * doctor changed stays as she typed it; every other field shows the newer value, so saving
 * does not quietly put back what someone else changed meanwhile.
 */
export function rebaseDraft(
  draft: RegistrationDraft,
  from: RegistrationDraft,
  to: RegistrationDraft,
): RegistrationDraft {
  const out: Record<string, unknown> = { ...draft };
  for (const key of Object.keys(to) as (keyof RegistrationDraft)[]) {
    const mine = draft[key];
    const was = from[key];
    if (typeof mine === 'string' && typeof was === 'string' ? same(mine, was) : mine === was) out[key] = to[key];
  }
  return out as unknown as RegistrationDraft;
}
const orNull = (s: string) => (s.trim() === '' ? null : s);

/**
 * Only what the doctor changed: an emptied optional field is cleared (null), the emergency
 * contact goes as a whole, and a national ID only when none was recorded.
 */
export function changesFrom(original: RegistrationDraft, draft: RegistrationDraft): Changes {
  const changes: Record<string, unknown> = {};
  for (const key of ['name', 'birthDate', 'village'] as const)
    if (!same(original[key], draft[key])) changes[key] = draft[key];
  if (draft.sex !== original.sex && draft.sex !== '') changes['sex'] = draft.sex;
  for (const key of ['phone', 'address', 'insuranceNumber'] as const)
    if (!same(original[key], draft[key])) changes[key] = orNull(draft[key]);
  if (original.nationalId === '' && draft.nationalId.trim() !== '') changes['nationalId'] = draft.nationalId;
  const contact = ['contactName', 'contactRelationship', 'contactPhone'] as const;
  if (contact.some((k) => !same(original[k], draft[k]))) {
    changes['emergencyContact'] = contact.every((k) => draft[k].trim() === '')
      ? null
      : {
          name: draft.contactName,
          ...(draft.contactRelationship.trim() ? { relationship: draft.contactRelationship } : {}),
          phone: draft.contactPhone,
        };
  }
  return changes as Changes;
}

/** Checks the changes with the contract's schema before sending, so every problem shows at once. */
export function checkChanges(changes: Changes): FieldIssue[] {
  const parsed = DemographicChanges.safeParse(changes);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
  }));
}
