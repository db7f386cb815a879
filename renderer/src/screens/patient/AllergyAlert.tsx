import { useTranslation } from 'react-i18next';
import type { PatientRecord } from '../../../../contract/index.js';

/** Allergies stand out on every record page; "none recorded" is said plainly, not implied. */
export function AllergyAlert({ allergies }: { allergies: PatientRecord['allergies'] }) {
  const { t } = useTranslation();
  if (allergies.length === 0) {
    return (
      <p className="allergy-none" data-testid="allergies">
        {t('patient.noAllergies')}
      </p>
    );
  }
  return (
    <section className="allergy-alert" aria-labelledby="allergy-title" data-testid="allergies">
      <h2 id="allergy-title">
        <span aria-hidden="true">⚠ </span>
        {t('patient.allergies')}
      </h2>
      <ul>
        {allergies.map((a) => (
          <li key={a.id}>
            <strong>{a.substance}</strong>
            {a.reaction && a.reaction !== a.substance && ` — ${a.reaction}`}
            {a.severity && ` (${t(`severity.${a.severity}`)})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
