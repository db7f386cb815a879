import type { Interpretation, ReadingKind } from '../../../contract/records/vitals.js';

export { isReadingKind, kindOfLoinc, READING_KINDS } from '../../../contract/records/vitals.js';
export type { ReadingKind } from '../../../contract/records/vitals.js';

/** Everything that has a name: the stored kinds and the two values of a blood-pressure panel. */
export type NamedVital = ReadingKind | 'systolic' | 'diastolic';

/** i18n keys of the words for vitals (the records resources hold them). */
export const vitalKeys = {
  kind: (kind: NamedVital) => `vitals.kinds.${kind}`,
  interpretation: (code: Interpretation) => `vitals.interpretation.${code}`,
  glucoseContext: (context: string) => `vitals.glucoseContext.${context}`,
};

/** A derived value is shown to one decimal; a measured one exactly as stored. */
export const DERIVED_KINDS: readonly ReadingKind[] = ['bmi'];
