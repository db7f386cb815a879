import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../../contract/errors.js';
import { ChoiceGroup } from '../../forms/ChoiceGroup.js';
import { TextField } from '../../forms/TextField.js';
import type { RegistrationDraft } from './registration-draft.js';

type IdentityField = 'name' | 'nationalId' | 'sex' | 'birthDate';

interface IdentityFieldsetProps {
  draft: RegistrationDraft;
  update: (patch: Partial<RegistrationDraft>) => void;
  /** Each field's issues, as the form words them. */
  issues: { readonly [F in IdentityField]?: readonly FieldIssue[] | undefined };
  /** Lines under the fields: what the typed ID says, or why it cannot be changed. */
  hints?: { readonly [F in Exclude<IdentityField, 'name'>]?: ReactNode };
  /** Shown instead of the typed ID, read-only: a recorded ID, which the form does not change. */
  lockedNationalId?: string | undefined;
  /** Inside the group, after the fields. */
  children?: ReactNode;
}

/** The identity group of a patient form: name, national ID, sex and birth date. */
export function IdentityFieldset({
  draft,
  update,
  issues,
  hints = {},
  lockedNationalId,
  children,
}: IdentityFieldsetProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('register.identity')}</legend>
      <div className="form-grid">
        <TextField
          label={t('register.name')}
          value={draft.name}
          onChange={(name) => update({ name })}
          issues={issues.name}
          required
          maxLength={32}
        />
        <TextField
          label={t('register.nationalId')}
          value={lockedNationalId ?? draft.nationalId}
          onChange={(nationalId) => update({ nationalId })}
          issues={issues.nationalId}
          readOnly={lockedNationalId !== undefined}
          maxLength={24}
          className="mono-input"
          hint={hints.nationalId}
        />
        <ChoiceGroup
          legend={t('register.sex')}
          value={draft.sex}
          options={[
            { value: 'male', label: t('sex.male') },
            { value: 'female', label: t('sex.female') },
          ]}
          onChange={(sex) => update({ sex })}
          issues={issues.sex}
          required
          hint={hints.sex}
        />
        <TextField
          label={t('register.birthDate')}
          type="date"
          value={draft.birthDate}
          onChange={(birthDate) => update({ birthDate })}
          issues={issues.birthDate}
          required
          hint={hints.birthDate}
        />
      </div>
      {children}
    </fieldset>
  );
}
