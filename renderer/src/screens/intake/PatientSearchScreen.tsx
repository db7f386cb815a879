import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import { useDraft } from '../../forms/draft-store.js';
import { hrefOf } from '../../routes.js';
import { useErrorMessage } from '../../use-error-message.js';
import { PatientResultList } from './PatientResultList.js';
import { usePatientSearch } from './use-patient-search.js';

/**
 * Find or register a patient: one box for name, pinyin, initials, part of the ID or phone.
 * The intake desk and the records list are the same search with a different heading.
 */
export function PatientSearchScreen({ station, purpose }: { station: StationApi; purpose: 'intake' | 'patients' }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const id = useId();
  const [query, setQuery] = useDraft(`search.${purpose}`, () => '');
  const search = usePatientSearch(station, query);
  return (
    <section className="panel wide">
      <div className="panel-head">
        <h1>{t(`nav.${purpose}`)}</h1>
        <a className="button primary" href={hrefOf({ name: 'register' })}>
          {t('search.register')}
        </a>
      </div>
      <label htmlFor={id} className="search-label">
        {t('search.label')}
      </label>
      <input
        id={id}
        className="search-input"
        type="search"
        value={query}
        maxLength={64}
        autoComplete="off"
        placeholder={t('search.placeholder')}
        onChange={(e) => setQuery(e.target.value)}
        autoFocus
      />
      <div aria-live="polite" aria-busy={search.state === 'searching'}>
        {search.state === 'idle' && <p className="muted">{t('search.hint')}</p>}
        {search.state === 'searching' && <p className="muted">{t('search.searching')}</p>}
        {search.state === 'failed' && (
          <p className="banner banner-error" role="alert">
            {errorMessage(search.error)}
          </p>
        )}
        {search.state === 'done' &&
          (search.results.length === 0 ? (
            <p>{t('search.noResults', { query: search.query })}</p>
          ) : (
            <>
              <p className="muted">{t('search.count', { count: search.results.length })}</p>
              <PatientResultList results={search.results} />
            </>
          ))}
      </div>
    </section>
  );
}
