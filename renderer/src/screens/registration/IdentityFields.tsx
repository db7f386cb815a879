import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../components/format.js';
import { ChoiceGroup } from '../../forms/ChoiceGroup.js';
import type { FieldIssue } from '../../../../contract/errors.js';
import type { FieldErrors } from '../../forms/field-issues.js';
import { TextField } from '../../forms/TextField.js';
import { NationalIdStatus } from './NationalIdStatus.js';
import type { NationalIdCheck } from './national-id-check.js';
import type { RegistrationDraft } from './registration-draft.js';

type Update = (patch: Partial<RegistrationDraft>) => void;

/** Shown next to a typed value the ID disagrees with; the typed value stays until she decides. */
function Mismatch({ text }: { text: string }) {
  return (
    <span className="status-warn" data-testid="id-mismatch">
      {text}
    </span>
  );
}

/** Name, sex, birth date and the national ID, checked against each other as she types. */
export function IdentityFields({
  draft,
  update,
  errors,
  check,
}: {
  draft: RegistrationDraft;
  update: Update;
  errors: FieldErrors;
  check: NationalIdCheck;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const valid = check.state === 'valid' ? check : null;
  const differs = (field: 'birthDate' | 'sex') => valid?.mismatches.includes(field) === true;
  const canAdopt = valid !== null && (valid.mismatches.length > 0 || draft.birthDate === '' || draft.sex === '');
  const refused = (field: 'birthDate' | 'sex') =>
    errors[field]?.some((i) => i.code.startsWith('national_id.mismatch_')) === true;
  // The core's refusal of a mismatch is worded with what the ID holds, like the live warning,
  // which it replaces beside the field.
  // Once the typed value agrees with the ID, its mismatch refusal no longer applies.
  const issuesOf = (field: 'birthDate' | 'sex'): FieldIssue[] | undefined =>
    errors[field]
      ?.filter((issue) => differs(field) || !issue.code.startsWith('national_id.mismatch_'))
      .map((issue) =>
        valid && issue.code.startsWith('national_id.mismatch_')
          ? {
              ...issue,
              message: field === 'sex' ? 'register.mismatchSex' : 'register.mismatchBirthDate',
              params:
                field === 'sex' ? { sex: t(`sex.${valid.id.sex}`) } : { birthDate: format.date(valid.id.birthDate) },
            }
          : issue,
      );
  const warning = (field: 'birthDate' | 'sex') => valid !== null && differs(field) && !refused(field);
  return (
    <fieldset className="form-section">
      <legend>{t('register.identity')}</legend>
      <div className="form-grid">
        <TextField
          label={t('register.name')}
          value={draft.name}
          onChange={(name) => update({ name })}
          issues={errors['name']}
          required
          maxLength={32}
        />
        <TextField
          label={t('register.nationalId')}
          value={draft.nationalId}
          onChange={(nationalId) => update({ nationalId })}
          issues={errors['nationalId']}
          maxLength={24}
          className="mono-input"
          // A refused ID already says why in its error; the live line would only repeat it.
          hint={check.state === 'invalid' && errors['nationalId'] ? undefined : <NationalIdStatus check={check} />}
        />
        <ChoiceGroup
          legend={t('register.sex')}
          value={draft.sex}
          options={[
            { value: 'male', label: t('sex.male') },
            { value: 'female', label: t('sex.female') },
          ]}
          onChange={(sex) => update({ sex })}
          issues={issuesOf('sex')}
          required
          hint={
            valid && warning('sex') ? (
              <Mismatch text={t('register.mismatchSex', { sex: t(`sex.${valid.id.sex}`) })} />
            ) : undefined
          }
        />
        <TextField
          label={t('register.birthDate')}
          type="date"
          value={draft.birthDate}
          onChange={(birthDate) => update({ birthDate })}
          issues={issuesOf('birthDate')}
          required
          hint={
            valid && warning('birthDate') ? (
              <Mismatch text={t('register.mismatchBirthDate', { birthDate: format.date(valid.id.birthDate) })} />
            ) : undefined
          }
        />
      </div>
      {valid && canAdopt && (
        <button
          type="button"
          className="secondary"
          onClick={() => update({ birthDate: valid.id.birthDate, sex: valid.id.sex })}
        >
          {t('register.useIdValues')}
        </button>
      )}
    </fieldset>
  );
}
