import { useTranslation } from 'react-i18next';
import type { PatientRecord, Visit } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';
import { AllergyAlert } from '../patient/AllergyAlert.js';

/** Whose visit, why, since when, by whom, and whether it is still open; allergies in view. */
export function VisitHeader({ visit, patient }: { visit: Visit; patient: PatientRecord }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <header className="visit-header">
      <h1>
        {t('visit.title', { reason: t(`visitReasons.${visit.reason}`) })}
        <span className={`tag tag-${visit.status}`} data-testid="visit-status" data-status={visit.status}>
          {t(`visit.status.${visit.status}`)}
        </span>
      </h1>
      <p className="visit-patient">
        <a href={hrefOf({ name: 'patient', id: patient.id })}>{patient.name}</a> · {t(`sex.${patient.sex}`)} ·{' '}
        {t('patient.ageYears', { count: patient.age })} · {patient.village ?? t('common.none')}
      </p>
      <p className="muted">
        {t('visit.startedBy', { when: format.dateTime(visit.startedAt), doctor: visit.doctor })}
        {visit.endedAt && ` · ${t('visit.endedAt', { when: format.dateTime(visit.endedAt) })}`}
      </p>
      <AllergyAlert allergies={patient.allergies} />
    </header>
  );
}
