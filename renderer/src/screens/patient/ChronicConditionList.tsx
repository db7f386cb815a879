import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../../../contract/index.js';
import { CHRONIC_CONDITIONS } from '../../../../contract/records/chronic-conditions.js';

/** The patient's chronic problems, with the follow-up programme each puts them in. */
export function ChronicConditionList({ conditions }: { conditions: PatientRecord['chronicConditions'] }) {
  const { t } = useTranslation();
  return (
    <section className="conditions" aria-labelledby="conditions-title">
      <h2 id="conditions-title">{t('register.chronicConditions')}</h2>
      {conditions.length === 0 ? (
        <p className="muted">{t('patient.noConditions')}</p>
      ) : (
        <ul className="tag-list" data-testid="chronic-conditions">
          {conditions.map((c) => {
            const known = CHRONIC_CONDITIONS.find((k) => k.key === c.key);
            return (
              <li key={c.id} className="tag tag-condition">
                {known ? t(known.labelKey) : c.code}
                {known?.followUpProgram && <span className="muted"> · {t('patient.inFollowUp')}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
