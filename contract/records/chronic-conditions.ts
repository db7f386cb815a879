import { z } from 'zod';

/**
 * The chronic conditions the registration form offers. Hypertension and type-2 diabetes are
 * managed under China's National Basic Public Health Service, which asks for at least four
 * face-to-face follow-ups a year: one every 90 days here.
 */
export const ChronicConditionKey = z.enum([
  'hypertension',
  'type2_diabetes',
  'copd',
  'coronary_heart_disease',
  'stroke',
  'chronic_kidney_disease',
  'asthma',
  'tuberculosis',
  'severe_mental_illness',
  'hepatitis_b',
]);
export type ChronicConditionKey = z.infer<typeof ChronicConditionKey>;

export type FollowUpProgram = 'hypertension' | 'diabetes';

export interface ChronicCondition {
  readonly key: ChronicConditionKey;
  readonly icd10: string;
  /** i18n key of the label. */
  readonly labelKey: string;
  readonly followUpProgram: FollowUpProgram | null;
}

const condition = (
  key: ChronicConditionKey,
  icd10: string,
  followUpProgram: FollowUpProgram | null = null,
): ChronicCondition => ({
  key,
  icd10,
  labelKey: `conditions.${key}`,
  followUpProgram,
});

export const CHRONIC_CONDITIONS: readonly ChronicCondition[] = [
  condition('hypertension', 'I10', 'hypertension'),
  condition('type2_diabetes', 'E11.9', 'diabetes'),
  condition('copd', 'J44.9'),
  condition('coronary_heart_disease', 'I25.1'),
  condition('stroke', 'I69.3'),
  condition('chronic_kidney_disease', 'N18.9'),
  condition('asthma', 'J45.9'),
  condition('tuberculosis', 'A16.9'),
  // Schizophrenia stands for the programme's severe mental disorders.
  condition('severe_mental_illness', 'F20.9'),
  condition('hepatitis_b', 'B18.1'),
];

export function chronicCondition(key: ChronicConditionKey): ChronicCondition {
  const found = CHRONIC_CONDITIONS.find((c) => c.key === key);
  if (!found) throw new Error(`unknown chronic condition ${key}`);
  return found;
}

export const FOLLOW_UP_INTERVAL_DAYS = 90;
/** How early a follow-up shows as coming up, and how late it may be before it is overdue. */
export const FOLLOW_UP_WINDOW_DAYS = 14;

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

/**
 * Where a programme patient stands: the next follow-up is due 90 days after the last one (or
 * after joining the programme); it shows from 14 days before, is due until 14 days after, and
 * overdue from then on.
 */
export function followUpStatus(
  lastFollowUpAt: string | null,
  registeredAt: string,
  today: Date,
): { dueOn: string; state: 'due_soon' | 'due' | 'overdue' | 'ok'; daysOverdue: number } {
  const due = dayOf(lastFollowUpAt ?? registeredAt) + FOLLOW_UP_INTERVAL_DAYS * DAY;
  const now = dayOf(today.toISOString());
  const late = Math.round((now - due) / DAY);
  const state =
    late > FOLLOW_UP_WINDOW_DAYS ? 'overdue' : late >= 0 ? 'due' : late >= -FOLLOW_UP_WINDOW_DAYS ? 'due_soon' : 'ok';
  return { dueOn: new Date(due).toISOString().slice(0, 10), state, daysOverdue: Math.max(0, late) };
}
