import type { FieldIssue } from '../../../../contract/errors.js';
import { VITAL_ENTRY_KINDS } from '../../../../contract/records/vitals.js';
import type { GlucoseContext, GlucoseUnit, VitalsInput } from '../../../../contract/records/vitals.js';

/** The fields the form has, one per kind a vitals entry can carry. */
export const ENTERED_FIELDS = VITAL_ENTRY_KINDS;
export type EnteredField = (typeof ENTERED_FIELDS)[number];

/** The vitals form as typed: text, so "36,8" or "abc" can be pointed out rather than lost. */
export type VitalsDraft = Readonly<Record<EnteredField, string>> & {
  readonly glucoseUnit: GlucoseUnit;
  readonly glucoseContext: GlucoseContext;
};

export const emptyVitals = (): VitalsDraft => ({
  ...(Object.fromEntries(ENTERED_FIELDS.map((field) => [field, ''])) as Record<EnteredField, string>),
  glucoseUnit: 'mmol/L',
  glucoseContext: 'random',
});

const NUMBER = /^\d+([.,]\d+)?$/;

/**
 * Turns the typed text into numbers, exactly (no rounding). Text that is not a number is an
 * error on its field; the physiological limits are the core's to check.
 */
export function vitalsInputOf(
  draft: VitalsDraft,
  fields: readonly EnteredField[] = ENTERED_FIELDS,
): { ok: true; input: VitalsInput } | { ok: false; issues: FieldIssue[] } {
  const input: Partial<Record<EnteredField, number>> = {};
  const issues: FieldIssue[] = [];
  for (const field of fields) {
    const text = draft[field].trim();
    if (text === '') continue;
    if (!NUMBER.test(text)) issues.push({ path: [field], code: 'number.format', message: 'number.format' });
    else input[field] = Number(text.replace(',', '.'));
  }
  if (issues.length > 0) return { ok: false, issues };
  const glucose =
    input.glucose === undefined ? {} : { glucoseUnit: draft.glucoseUnit, glucoseContext: draft.glucoseContext };
  return { ok: true, input: { ...input, ...glucose } };
}
