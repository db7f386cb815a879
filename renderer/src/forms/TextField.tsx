import { useId } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import type { FieldIssue } from '../../../contract/errors.js';
import { FieldIssues } from './FieldIssues.js';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  issues?: readonly FieldIssue[] | undefined;
  /** A line under the field: a unit, a format, what the ID says. */
  hint?: ReactNode;
  required?: boolean;
  type?: 'text' | 'date' | 'tel';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  maxLength?: number;
  multiline?: boolean;
  readOnly?: boolean;
  className?: string;
  /** Text after the input on the same line (a unit). */
  suffix?: string;
}

/** A labelled input with its hint and its errors; the errors are its accessible description. */
export function TextField(props: TextFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = (props.issues?.length ?? 0) > 0;
  const describedBy = [invalid ? errorId : null, props.hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    value: props.value,
    maxLength: props.maxLength,
    readOnly: props.readOnly,
    required: props.required,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
  };
  return (
    <div className={`field ${props.className ?? ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{props.label}</label>
        {/* Outside the label, so the field's name stays its label; `required` tells assistive tech. */}
        {props.required && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </div>
      <div className="field-input">
        {props.multiline ? (
          <textarea {...common} rows={3} onChange={(e) => props.onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type={props.type ?? 'text'}
            inputMode={props.inputMode}
            autoComplete="off"
            onChange={(e) => props.onChange(e.target.value)}
          />
        )}
        {props.suffix && <span className="field-suffix">{props.suffix}</span>}
      </div>
      <FieldIssues id={errorId} issues={props.issues} />
      {props.hint && (
        <div id={hintId} className="field-hint">
          {props.hint}
        </div>
      )}
    </div>
  );
}
