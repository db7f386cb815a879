import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../components/format.js';
import type { FieldIssue } from '../../../../contract/errors.js';
import type { FieldErrors } from '../../forms/field-issues.js';
import { IdentityFieldset } from './IdentityFieldset.js';
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
    <IdentityFieldset
      draft={draft}
      update={update}
      issues={{ ...errors, sex: issuesOf('sex'), birthDate: issuesOf('birthDate') }}
      hints={{
        // A refused ID already says why in its error; the live line would only repeat it.
        nationalId: check.state === 'invalid' && errors['nationalId'] ? undefined : <NationalIdStatus check={check} />,
        sex:
          valid && warning('sex') ? (
            <Mismatch text={t('register.mismatchSex', { sex: t(`sex.${valid.id.sex}`) })} />
          ) : undefined,
        birthDate:
          valid && warning('birthDate') ? (
            <Mismatch text={t('register.mismatchBirthDate', { birthDate: format.date(valid.id.birthDate) })} />
          ) : undefined,
      }}
    >
      {valid && canAdopt && (
        <button
          type="button"
          className="secondary"
          onClick={() => update({ birthDate: valid.id.birthDate, sex: valid.id.sex })}
        >
          {t('register.useIdValues')}
        </button>
      )}
    </IdentityFieldset>
  );
}
