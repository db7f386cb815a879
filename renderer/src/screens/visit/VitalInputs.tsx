import { useTranslation } from 'react-i18next';
import { GlucoseContext, GlucoseUnit, VITALS } from '../../../../contract/records/vitals.js';
import { vitalKeys } from '../../../components/vitals/vital-kinds.js';
import type { FieldErrors } from '../../forms/field-issues.js';
import { SelectField } from '../../forms/SelectField.js';
import { TextField } from '../../forms/TextField.js';
import type { EnteredField, VitalsDraft } from './vitals-draft.js';

/** Number fields for some vital signs, each with its unit and its errors next to it. */
export function VitalInputs({
  draft,
  update,
  errors,
  fields,
}: {
  draft: VitalsDraft;
  update: (patch: Partial<VitalsDraft>) => void;
  errors: FieldErrors;
  fields: readonly EnteredField[];
}) {
  const { t } = useTranslation();
  const unitOf = (field: EnteredField) => (field === 'glucose' ? draft.glucoseUnit : VITALS[field].unit);
  return (
    <div className="vital-inputs">
      {fields.map((field) => (
        <TextField
          key={field}
          label={t(vitalKeys.kind(field))}
          suffix={unitOf(field)}
          inputMode="decimal"
          maxLength={8}
          value={draft[field]}
          onChange={(value) => update({ [field]: value })}
          issues={errors[field]}
          className="vital-field"
        />
      ))}
      {fields.includes('glucose') && (
        <>
          <SelectField<GlucoseUnit>
            label={t('visit.glucoseUnit')}
            value={draft.glucoseUnit}
            options={GlucoseUnit.options.map((u) => ({ value: u, label: u }))}
            onChange={(glucoseUnit) => glucoseUnit !== '' && update({ glucoseUnit })}
            issues={errors['glucoseUnit']}
          />
          <SelectField<GlucoseContext>
            label={t('visit.glucoseContext')}
            value={draft.glucoseContext}
            options={GlucoseContext.options.map((c) => ({ value: c, label: t(vitalKeys.glucoseContext(c)) }))}
            onChange={(glucoseContext) => glucoseContext !== '' && update({ glucoseContext })}
            issues={errors['glucoseContext']}
          />
        </>
      )}
    </div>
  );
}
