import type { FieldIssue } from '../../../../contract/errors.js';
import { ConsultRequestInput, QUESTION_MAX } from '../../../../contract/index.js';
import type { Specialty, Urgency } from '../../../../contract/index.js';

/** The request form as the doctor fills it in; nothing is sent until it checks out. */
export interface RequestDraft {
  readonly specialty: Specialty | '';
  readonly urgency: Urgency;
  readonly question: string;
  readonly attachVitals: boolean;
  readonly ecgObservationId: string | null;
  /** Photos already kept in the visit (Media ids), with a preview for the form. */
  readonly photos: readonly { readonly id: string; readonly preview: string }[];
}

/** A fresh form: routine, vitals attached, and the strip the caller proposes (or none). */
export const emptyRequest = (ecgObservationId: string | null): RequestDraft => ({
  specialty: '',
  urgency: 'routine',
  question: '',
  attachVitals: true,
  ecgObservationId,
  photos: [],
});

const issue = (path: string, message: string, params?: Record<string, number>): FieldIssue => ({
  path: [path],
  code: message,
  message,
  ...(params ? { params } : {}),
});

/**
 * Checks the form before anything is sent, each problem on its field: a specialty must be
 * chosen, the question must say something and fit. The contract's schema checks the rest,
 * and the core checks again.
 */
export function requestInputOf(
  draft: RequestDraft,
  visitId: string,
): { ok: true; input: ConsultRequestInput } | { ok: false; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  if (draft.specialty === '') issues.push(issue('specialty', 'consult.specialty_required'));
  const question = draft.question.trim();
  if (question === '') issues.push(issue('question', 'text.required'));
  else if (question.length > QUESTION_MAX)
    issues.push(issue('question', 'consult.question_too_long', { max: QUESTION_MAX }));
  const parsed = ConsultRequestInput.safeParse({
    visitId,
    specialty: draft.specialty,
    urgency: draft.urgency,
    question,
    attachVitals: draft.attachVitals,
    ecgObservationId: draft.ecgObservationId,
    photoIds: draft.photos.map((p) => p.id),
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      if (!issues.some((known) => known.path.join('.') === path.join('.')))
        issues.push({ path, code: i.code, message: i.message });
    }
  }
  return parsed.success && issues.length === 0 ? { ok: true, input: parsed.data } : { ok: false, issues };
}
