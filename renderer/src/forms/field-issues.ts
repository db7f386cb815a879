import type { FieldIssue } from '../../../contract/errors.js';

/** A form's problems, keyed by the dotted path of the field they belong to ("allergies.0.substance"). */
export type FieldErrors = Readonly<Record<string, readonly FieldIssue[]>>;

export const NO_ERRORS: FieldErrors = {};

/**
 * Groups a refusal's issues by field. A call wraps the form in an envelope (`{ patient: … }`,
 * `{ vitals: … }`) and some checks name the field alone, so the envelope is taken off first.
 */
export function fieldErrorsOf(issues: readonly FieldIssue[], envelope?: string): FieldErrors {
  const out: Record<string, FieldIssue[]> = {};
  for (const issue of issues) {
    const path = envelope !== undefined && issue.path[0] === envelope ? issue.path.slice(1) : issue.path;
    const key = path.join('.');
    (out[key] ??= []).push(issue);
  }
  return out;
}

/** The issues whose path is not one of the fields a form shows, so none is silently dropped. */
export function unplacedIssues(errors: FieldErrors, shown: (path: string) => boolean): FieldIssue[] {
  return Object.entries(errors).flatMap(([path, issues]) => (shown(path) ? [] : issues));
}

export function hasErrors(errors: FieldErrors): boolean {
  return Object.keys(errors).length > 0;
}
