import { useId } from 'react';
import type { FieldIssue } from '../../../contract/errors.js';
import { FieldIssues } from './FieldIssues.js';

/** A labelled drop-down; an empty first option when the choice is optional. */
export function SelectField<T extends string>({
  label,
  value,
  options,
  onChange,
  issues,
  emptyLabel,
}: {
  label: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  onChange: (value: T | '') => void;
  issues?: readonly FieldIssue[] | undefined;
  /** Shown for "nothing chosen"; without it a choice is required. */
  emptyLabel?: string;
}) {
  const id = useId();
  const invalid = (issues?.length ?? 0) > 0;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value as T | '')}
      >
        {emptyLabel !== undefined && <option value="">{emptyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldIssues id={`${id}-error`} issues={issues} />
    </div>
  );
}
