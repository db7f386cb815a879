import { useTranslation } from 'react-i18next';
import type { DraftSectionProps } from './registration-draft.js';

/** The two consents the patient gives or refuses; the core records who captured them and when. */
export function ConsentChoices({ draft, update }: Pick<DraftSectionProps, 'draft' | 'update'>) {
  const { t } = useTranslation();
  return (
    <fieldset className="form-section">
      <legend>{t('register.consent')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.telemedicine}
          onChange={(e) => update({ telemedicine: e.target.checked })}
        />
        <span>{t('register.consentTelemedicine')}</span>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.shareWithHub}
          onChange={(e) => update({ shareWithHub: e.target.checked })}
        />
        <span>{t('register.consentShare')}</span>
      </label>
      <p className="muted">{t('register.consentNote')}</p>
    </fieldset>
  );
}
