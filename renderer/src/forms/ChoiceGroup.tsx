import { useId } from 'react';
import type { ReactNode } from 'react';
import type { FieldIssue } from '../../../contract/errors.js';
import { FieldIssues } from './FieldIssues.js';

/** One choice out of a few, as large touch targets (radio buttons styled as toggles). */
export function ChoiceGroup<T extends string>({
  legend,
  value,
  options,
  onChange,
  issues,
  required,
  hint,
}: {
  legend: string;
  value: T | '';
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
  issues?: readonly FieldIssue[] | undefined;
  /** Marked with an asterisk drawn by CSS, so the group's name stays its legend. */
  required?: boolean;
  hint?: ReactNode;
}) {
  const id = useId();
  const invalid = (issues?.length ?? 0) > 0;
  const describedBy = [invalid ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <fieldset
      className="field choice-group"
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy || undefined}
    >
      <legend className={required ? 'required-legend' : undefined}>{legend}</legend>
      <div className="choices">
        {options.map((option) => (
          <label key={option.value} className="choice">
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </div>
      <FieldIssues id={`${id}-error`} issues={issues} />
      {hint && (
        <div id={`${id}-hint`} className="field-hint">
          {hint}
        </div>
      )}
    </fieldset>
  );
}
