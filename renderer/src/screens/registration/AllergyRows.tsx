import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldErrors } from '../../forms/field-issues.js';
import { SelectField } from '../../forms/SelectField.js';
import { TextField } from '../../forms/TextField.js';
import type { AllergyDraft, Severity } from './registration-draft.js';

const SEVERITIES: readonly Severity[] = ['mild', 'moderate', 'severe'];

/** Allergies as rows the doctor adds and removes: substance, reaction, severity. */
export function AllergyRows({
  rows,
  onChange,
  errors,
}: {
  rows: readonly AllergyDraft[];
  onChange: (rows: readonly AllergyDraft[]) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const nextKey = useRef(rows.reduce((max, r) => Math.max(max, r.key), 0) + 1);
  const edit = (key: number, patch: Partial<AllergyDraft>) =>
    onChange(rows.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const add = () => {
    onChange([...rows, { key: nextKey.current, substance: '', reaction: '', severity: '' }]);
    nextKey.current += 1;
  };
  return (
    <fieldset className="form-section">
      <legend>{t('register.allergies')}</legend>
      {rows.length === 0 && <p className="muted">{t('register.noAllergies')}</p>}
      {rows.map((row, index) => (
        <fieldset key={row.key} className="allergy-row">
          <legend>{t('register.allergyRow', { n: index + 1 })}</legend>
          <TextField
            label={t('register.allergySubstance')}
            value={row.substance}
            onChange={(substance) => edit(row.key, { substance })}
            issues={errors[`allergies.${index}.substance`]}
            maxLength={64}
            required
          />
          <TextField
            label={t('register.allergyReaction')}
            value={row.reaction}
            onChange={(reaction) => edit(row.key, { reaction })}
            issues={errors[`allergies.${index}.reaction`]}
            maxLength={200}
          />
          <SelectField<Severity>
            label={t('register.allergySeverity')}
            value={row.severity}
            emptyLabel={t('common.notStated')}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            onChange={(severity) => edit(row.key, { severity })}
            issues={errors[`allergies.${index}.severity`]}
          />
          <button
            type="button"
            className="secondary remove"
            onClick={() => onChange(rows.filter((r) => r.key !== row.key))}
          >
            {t('register.removeAllergy', { n: index + 1 })}
          </button>
        </fieldset>
      ))}
      <button type="button" className="secondary" onClick={add}>
        {t('register.addAllergy')}
      </button>
    </fieldset>
  );
}
