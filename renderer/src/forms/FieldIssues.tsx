import type { FieldIssue } from '../../../contract/errors.js';
import { useIssueText } from './use-issue-text.js';

/** The problems of one field, shown right under it and named by its aria-describedby. */
export function FieldIssues({ id, issues }: { id: string; issues: readonly FieldIssue[] | undefined }) {
  const text = useIssueText();
  if (!issues || issues.length === 0) return null;
  const messages = [...new Set(issues.map(text))];
  return (
    <p id={id} className="field-error" data-testid={`error-${id}`}>
      <span aria-hidden="true">⚠ </span>
      {messages.join(' ')}
    </p>
  );
}
