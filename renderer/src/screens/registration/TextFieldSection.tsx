import { TextField } from '../../forms/TextField.js';
import type { TextFieldProps } from '../../forms/TextField.js';
import type { DraftSectionProps, RegistrationDraft } from './registration-draft.js';

type TextKey = {
  [K in keyof RegistrationDraft]: RegistrationDraft[K] extends string ? K : never;
}[keyof RegistrationDraft];

/** One text field of a section: which draft value it edits and where the core reports on it. */
export interface DraftTextField extends Omit<TextFieldProps, 'value' | 'onChange' | 'issues'> {
  readonly key: TextKey;
  /** The issue path the core uses for this value, when it differs from the draft's key. */
  readonly issuePath?: string;
}

/** A fieldset of plain text fields bound to the registration draft. */
export function TextFieldSection({
  legend,
  fields,
  draft,
  update,
  errors,
}: DraftSectionProps & { legend: string; fields: readonly DraftTextField[] }) {
  return (
    <fieldset className="form-section">
      <legend>{legend}</legend>
      <div className="form-grid">
        {fields.map(({ key, issuePath, ...field }) => (
          <TextField
            key={key}
            {...field}
            value={draft[key]}
            onChange={(value) => update({ [key]: value })}
            issues={errors[issuePath ?? key]}
          />
        ))}
      </div>
    </fieldset>
  );
}
