import { nationalIdMismatches, parseNationalId } from '../../../../contract/records/national-id.js';
import type { NationalId, NationalIdProblem } from '../../../../contract/records/national-id.js';
import type { RegistrationDraft } from './registration-draft.js';

export type NationalIdCheck =
  | { readonly state: 'empty' }
  | { readonly state: 'typing'; readonly digits: number }
  | { readonly state: 'invalid'; readonly reason: NationalIdProblem }
  | { readonly state: 'valid'; readonly id: NationalId; readonly mismatches: readonly ('birthDate' | 'sex')[] };

/**
 * The ID as the doctor types it: still short, wrong (and why), or valid with the birth date
 * and sex it holds and which typed values disagree. Nothing is copied into the form here.
 */
export function checkNationalId(draft: RegistrationDraft): NationalIdCheck {
  const text = draft.nationalId.replace(/\s+/g, '');
  if (text === '') return { state: 'empty' };
  if (/^\d{1,17}$/.test(text) && text.length !== 15) return { state: 'typing', digits: text.length };
  const parsed = parseNationalId(text);
  if (!parsed.ok) return { state: 'invalid', reason: parsed.reason };
  const mismatches = nationalIdMismatches(parsed.value, {
    birthDate: draft.birthDate === '' ? undefined : draft.birthDate,
    sex: draft.sex === '' ? undefined : draft.sex,
  });
  return { state: 'valid', id: parsed.value, mismatches };
}
