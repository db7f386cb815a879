import type { FieldIssue } from '../errors.js';
import { DEMOGRAPHIC_FIELDS, normalizedChanges } from './demographics.js';
import type { DemographicChangeFields, DemographicField, DemographicValues } from './demographics.js';
import { sameValue } from './demographics-merge.js';
import { nationalIdMismatches, parseNationalId } from './national-id.js';

export type EditOutcome =
  | { readonly ok: true; readonly after: DemographicValues; readonly changed: DemographicField[] }
  | { readonly ok: false; readonly issues: FieldIssue[] };

const issue = (field: string, code: string): FieldIssue => ({ path: ['changes', field], code, message: code });

/**
 * Applies an edit (already checked by DemographicChanges) to the current values, with the
 * rules the national ID brings, the same on station and hub:
 * - an ID may be added where none is recorded, as its 18-digit form; changing a recorded one
 *   is refused (`national_id.locked`): it is the patient's verified identity and the key
 *   duplicates are found by, so replacing it needs more than a form edit;
 * - when the ID, birth date or sex changes, a birth date or sex the ID disagrees with is
 *   refused unless the doctor confirmed it, as at registration.
 */
export function applyDemographicEdit(
  before: DemographicValues,
  changes: DemographicChangeFields,
  acceptIdMismatch = false,
): EditOutcome {
  let nationalId = before.nationalId;
  const typed = changes.nationalId === '' ? undefined : changes.nationalId;
  if (typed !== undefined) {
    const parsed = parseNationalId(typed);
    if (!parsed.ok) return { ok: false, issues: [issue('nationalId', `national_id.${parsed.reason}`)] };
    if (before.nationalId !== null && parsed.value.id18 !== before.nationalId)
      return { ok: false, issues: [issue('nationalId', 'national_id.locked')] };
    nationalId = parsed.value.id18;
  }
  const after: DemographicValues = { ...before, ...normalizedChanges(changes), nationalId };
  const changed = DEMOGRAPHIC_FIELDS.filter((f) => !sameValue(before[f], after[f]));

  const identity = changed.some((f) => f === 'nationalId' || f === 'birthDate' || f === 'sex');
  const id = after.nationalId === null ? null : parseNationalId(after.nationalId);
  if (identity && id?.ok && !acceptIdMismatch) {
    const mismatches = nationalIdMismatches(id.value, { birthDate: after.birthDate, sex: after.sex });
    if (mismatches.length > 0)
      return { ok: false, issues: mismatches.map((f) => issue(f, `national_id.mismatch_${f}`)) };
  }
  return { ok: true, after, changed };
}
