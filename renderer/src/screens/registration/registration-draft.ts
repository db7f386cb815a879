import { PatientInput } from '../../../../contract/records/patient.js';
import type { IdCardPrefill } from '../../../../contract/records/patient.js';
import { parseNationalId } from '../../../../contract/records/national-id.js';
import type { FieldIssue } from '../../../../contract/errors.js';
import type { FieldErrors } from '../../forms/field-issues.js';
import type { ChronicConditionKey } from '../../../../contract/records/chronic-conditions.js';

export type Sex = 'male' | 'female';
export type Severity = 'mild' | 'moderate' | 'severe';

export interface AllergyDraft {
  /** Stable React key for the row; never sent. */
  readonly key: number;
  readonly substance: string;
  readonly reaction: string;
  readonly severity: Severity | '';
}

/** The registration form exactly as typed: strings, so nothing the doctor typed is lost. */
export interface RegistrationDraft {
  readonly name: string;
  readonly sex: Sex | '';
  readonly birthDate: string;
  readonly nationalId: string;
  readonly phone: string;
  readonly village: string;
  readonly address: string;
  readonly insuranceNumber: string;
  readonly allergies: readonly AllergyDraft[];
  readonly chronicConditions: readonly ChronicConditionKey[];
  readonly contactName: string;
  readonly contactRelationship: string;
  readonly contactPhone: string;
  readonly telemedicine: boolean;
  readonly shareWithHub: boolean;
}

/** What every section of the registration form is given. */
export interface DraftSectionProps {
  readonly draft: RegistrationDraft;
  readonly update: (patch: Partial<RegistrationDraft>) => void;
  readonly errors: FieldErrors;
}

export const emptyDraft = (): RegistrationDraft => ({
  name: '',
  sex: '',
  birthDate: '',
  nationalId: '',
  phone: '',
  village: '',
  address: '',
  insuranceNumber: '',
  allergies: [],
  chronicConditions: [],
  contactName: '',
  contactRelationship: '',
  contactPhone: '',
  telemedicine: false,
  shareWithHub: false,
});

const optional = (s: string) => (s.trim() === '' ? undefined : s);

/** What the form sends: empty optional fields are left out rather than sent as "". */
function candidateOf(d: RegistrationDraft): unknown {
  const contact = [d.contactName, d.contactRelationship, d.contactPhone].some((s) => s.trim() !== '');
  return {
    name: d.name,
    sex: d.sex === '' ? undefined : d.sex,
    birthDate: d.birthDate,
    nationalId: optional(d.nationalId),
    phone: optional(d.phone),
    village: d.village,
    address: optional(d.address),
    insuranceNumber: optional(d.insuranceNumber),
    // Every row is sent, a blank one too, so an error's row number is the row on screen.
    allergies: d.allergies.map((a) => ({
      substance: a.substance,
      reaction: optional(a.reaction),
      severity: a.severity === '' ? undefined : a.severity,
    })),
    chronicConditions: [...d.chronicConditions],
    emergencyContact: contact
      ? { name: d.contactName, relationship: optional(d.contactRelationship), phone: d.contactPhone }
      : undefined,
    consent: { telemedicine: d.telemedicine, shareWithHub: d.shareWithHub },
  };
}

/**
 * Checks the draft with the contract's own schema before anything is sent, so every field's
 * problem shows at once, worded the same as the core's refusals. The core checks again.
 */
export function validateDraft(
  d: RegistrationDraft,
): { ok: true; input: PatientInput } | { ok: false; issues: FieldIssue[] } {
  const parsed = PatientInput.safeParse(candidateOf(d));
  const issues: FieldIssue[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => ({
        path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
        code: issue.code,
        message: issue.message,
      }));
  const id = d.nationalId.trim() === '' ? null : parseNationalId(d.nationalId);
  if (id && !id.ok) {
    const key = `national_id.${id.reason}`;
    issues.push({ path: ['nationalId'], code: key, message: key });
  }
  if (parsed.success && issues.length === 0) return { ok: true, input: parsed.data };
  return { ok: false, issues };
}

/**
 * The form as an ID card fills it: the card's name, sex, birth date, number and address replace
 * what was typed there (the card is the source for them); everything else stays as typed. A card
 * without an address leaves the typed address alone.
 */
export function draftFromCard(draft: RegistrationDraft, fields: IdCardPrefill['fields']): RegistrationDraft {
  return {
    ...draft,
    name: fields.name,
    sex: fields.sex,
    birthDate: fields.birthDate,
    nationalId: fields.nationalId,
    address: fields.address ?? draft.address,
  };
}
