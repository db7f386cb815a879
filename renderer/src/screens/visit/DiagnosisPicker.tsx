import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, Visit } from '../../../../contract/index.js';
import { FieldIssues } from '../../forms/FieldIssues.js';
import { TextField } from '../../forms/TextField.js';
import { useSubmission } from '../../forms/use-submission.js';
import { useIcd10Search } from './use-icd10-search.js';
import type { Icd10 } from './use-icd10-search.js';
import { Failure } from '../../Failure.js';

/**
 * Adds a diagnosis: an ICD-10 code found by Chinese name, code or pinyin initials, free text,
 * or both (a code with a note).
 */
export function DiagnosisPicker({
  station,
  visit,
  onAdded,
}: {
  station: StationApi;
  visit: Visit;
  onAdded: () => void;
}) {
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Icd10 | null>(null);
  const [text, setText] = useState('');
  const { errors, failure, busy, send } = useSubmission();
  const results = useIcd10Search(station, query);
  const nameOf = (d: Icd10) => (i18n.language.startsWith('zh') ? d.zh : d.en);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(
      () =>
        station.visits.addDiagnosis({
          visitId: visit.id,
          ...(chosen ? { code: chosen.code } : {}),
          ...(text.trim() ? { text } : {}),
        }),
      () => {
        setChosen(null);
        setText('');
        setQuery('');
        onAdded();
      },
    );
  };

  return (
    <form className="diagnosis-picker" onSubmit={submit} noValidate aria-labelledby="diagnosis-add-title">
      <h3 id="diagnosis-add-title">{t('visit.addDiagnosis')}</h3>
      <div className="field">
        <label htmlFor={searchId}>{t('visit.diagnosisSearch')}</label>
        <input
          id={searchId}
          type="search"
          value={query}
          maxLength={32}
          autoComplete="off"
          placeholder={t('visit.diagnosisSearchPlaceholder')}
          aria-describedby={errors['code'] ? `${searchId}-error` : undefined}
          onChange={(e) => setQuery(e.target.value)}
        />
        <FieldIssues id={`${searchId}-error`} issues={errors['code']} />
      </div>
      {results !== null && results.length > 0 && (
        <ul className="icd-results" aria-label={t('visit.diagnosisResults')}>
          {results.map((d) => (
            <li key={d.code}>
              <button
                type="button"
                aria-pressed={chosen?.code === d.code}
                onClick={() => {
                  setChosen(d);
                  setQuery('');
                }}
              >
                <span className="mono">{d.code}</span> {nameOf(d)}
              </button>
            </li>
          ))}
        </ul>
      )}
      {query.trim() !== '' && results?.length === 0 && <p className="muted">{t('visit.diagnosisNoMatch')}</p>}
      {chosen && (
        <p className="chosen" data-testid="chosen-diagnosis">
          {t('visit.chosenDiagnosis')} <span className="mono">{chosen.code}</span> {nameOf(chosen)}{' '}
          <button type="button" className="link-button" onClick={() => setChosen(null)}>
            {t('visit.clearChosen')}
          </button>
        </p>
      )}
      <TextField
        label={t('visit.diagnosisText')}
        value={text}
        onChange={setText}
        issues={errors['text']}
        maxLength={200}
      />
      <Failure message={failure} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {t('visit.saveDiagnosis')}
        </button>
      </div>
    </form>
  );
}
