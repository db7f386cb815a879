import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, Visit } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import type { RecordHistory } from '../timeline/timeline-model.js';
import { RetireForm } from './RetireForm.js';

/** The visit's diagnoses; a wrong one is marked entered in error (with a reason), never deleted. */
export function DiagnosisTable({
  station,
  diagnoses,
  histories,
  onChanged,
}: {
  station: StationApi;
  diagnoses: Visit['diagnoses'];
  histories: ReadonlyMap<string, RecordHistory>;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [retiring, setRetiring] = useState<string | null>(null);
  if (diagnoses.length === 0) return <p className="muted">{t('visit.noDiagnoses')}</p>;
  return (
    <ul className="diagnosis-list" aria-label={t('visit.recordedDiagnoses')}>
      {diagnoses.map((d) => {
        const name = d.names ? (i18n.language.startsWith('zh') ? d.names.zh : d.names.en) : null;
        const words = [d.code, name, d.text].filter(Boolean).join(' ');
        const retired = d.status === 'entered-in-error';
        const reason = histories.get(d.id)?.current.correctionReason;
        return (
          <li key={d.id} data-testid="diagnosis" data-status={d.status}>
            <div className="tl-line">
              {retired ? <del>{words}</del> : <span>{words}</span>}
              {retired && <span className="tag tag-retired">{t('timeline.enteredInError')}</span>}
              <span className="tl-meta">{format.dateTime(d.recordedAt)}</span>
              {!retired && (
                <button
                  type="button"
                  className="secondary"
                  aria-label={t('corrections.retireWhat', { what: words })}
                  onClick={() => setRetiring(d.id)}
                >
                  {t('corrections.retire')}
                </button>
              )}
            </div>
            {retired && reason && <div className="tl-correction">{t('timeline.reason', { reason })}</div>}
            {retiring === d.id && (
              <RetireForm
                station={station}
                recordId={d.id}
                what={words}
                onCancel={() => setRetiring(null)}
                onDone={() => {
                  setRetiring(null);
                  onChanged();
                }}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
