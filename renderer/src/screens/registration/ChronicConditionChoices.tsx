import { useTranslation } from 'react-i18next';
import { CHRONIC_CONDITIONS } from '../../../../contract/records/chronic-conditions.js';
import type { ChronicConditionKey } from '../../../../contract/records/chronic-conditions.js';
import { FieldIssues } from '../../forms/FieldIssues.js';
import type { FieldIssue } from '../../../../contract/errors.js';

/** The chronic conditions a village station manages, as checkboxes. */
export function ChronicConditionChoices({
  value,
  onChange,
  issues,
}: {
  value: readonly ChronicConditionKey[];
  onChange: (value: readonly ChronicConditionKey[]) => void;
  issues: readonly FieldIssue[] | undefined;
}) {
  const { t } = useTranslation();
  const toggle = (key: ChronicConditionKey, on: boolean) =>
    onChange(on ? [...value, key] : value.filter((k) => k !== key));
  return (
    <fieldset className="form-section">
      <legend>{t('register.chronicConditions')}</legend>
      <div className="check-grid">
        {CHRONIC_CONDITIONS.map((c) => (
          <label key={c.key} className="check">
            <input type="checkbox" checked={value.includes(c.key)} onChange={(e) => toggle(c.key, e.target.checked)} />
            <span>{t(c.labelKey)}</span>
          </label>
        ))}
      </div>
      <FieldIssues id="chronic-conditions-error" issues={issues} />
    </fieldset>
  );
}
