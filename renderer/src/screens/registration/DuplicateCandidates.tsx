import { useTranslation } from 'react-i18next';
import type { DuplicateCandidate } from '../../../../contract/records/patient.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';

/** Patients who look like the one being registered, with why; the doctor opens one or goes on. */
export function DuplicateCandidates({
  candidates,
  onDifferentPerson,
  onOpen,
  busy,
}: {
  candidates: readonly DuplicateCandidate[];
  onDifferentPerson: () => void;
  /** The doctor found the patient: the half-typed registration is dropped. */
  onOpen: () => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="banner banner-warning hold" role="alert" aria-labelledby="duplicates-title">
      <h2 id="duplicates-title">{t('register.duplicatesTitle')}</h2>
      <p>{t('register.duplicatesBody')}</p>
      <ul className="candidate-list">
        {candidates.map((c) => (
          <li key={c.id} className="candidate">
            <div>
              <strong>{c.name}</strong> · {t(`sex.${c.sex}`)} · {t('patient.ageYears', { count: c.age })} ·{' '}
              {format.date(c.birthDate)} · {c.village ?? t('common.none')}
              {c.nationalIdMasked && <span className="mono"> · {c.nationalIdMasked}</span>}
              {c.phone && <span className="mono"> · {c.phone}</span>}
            </div>
            <div className="reasons">
              {c.reasons.map((r) => (
                <span key={r} className="tag">
                  {t(`register.duplicateReasons.${r}`)}
                </span>
              ))}
            </div>
            <a className="button" href={hrefOf({ name: 'patient', id: c.id })} onClick={onOpen}>
              {t('register.openCandidate', { name: c.name })}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="primary" disabled={busy} onClick={onDifferentPerson}>
        {t('register.differentPerson')}
      </button>
    </section>
  );
}
