import { useTranslation } from 'react-i18next';
import type { PatientSummary } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';

/** One line per patient: who, from where, which ID, when last seen; the line opens the record. */
export function PatientResultList({ results }: { results: readonly PatientSummary[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <ul className="result-list" aria-label={t('search.results')}>
      {results.map((p) => (
        <li key={p.id}>
          <a className="result" href={hrefOf({ name: 'patient', id: p.id })}>
            <span className="result-name">{p.name}</span>
            <span className="result-facts">
              <span>{t(`sex.${p.sex}`)}</span>
              <span>{t('patient.ageYears', { count: p.age })}</span>
              <span>{p.village ?? t('common.none')}</span>
              <span className="mono">{p.nationalIdMasked ?? t('patient.noNationalId')}</span>
              {p.phone && <span className="mono">{p.phone}</span>}
            </span>
            <span className="result-last-visit">
              {p.lastVisitAt ? t('search.lastVisit', { when: format.dateTime(p.lastVisitAt) }) : t('search.noVisitYet')}
            </span>
          </a>
        </li>
      ))}
    </ul>
  );
}
