import { useTranslation } from 'react-i18next';
import type { FieldIssue } from '../../../../contract/errors.js';
import type { VitalReading } from '../../../../contract/records/visit.js';
import { useFormatters } from '../../../components/format.js';
import { readingValueText } from '../../../components/vitals/reading-text.js';
import { isReadingKind, vitalKeys } from '../../../components/vitals/vital-kinds.js';
import { FieldIssues } from '../../forms/FieldIssues.js';
import { SelectField } from '../../forms/SelectField.js';
import type { StripChoice } from './attachments.js';

/** What goes with the request: the visit's latest vitals (listed, as they are) and an ECG strip. */
export function AttachmentFields({
  visitId,
  vitals,
  strips,
  attachVitals,
  ecgObservationId,
  onChange,
  issues,
}: {
  visitId: string;
  /** The readings "latest vitals" sends, or why they are not known yet. */
  vitals: readonly VitalReading[] | 'loading' | 'failed';
  strips: readonly StripChoice[] | null;
  attachVitals: boolean;
  ecgObservationId: string | null;
  onChange: (patch: { attachVitals?: boolean; ecgObservationId?: string | null }) => void;
  issues: { vitals?: readonly FieldIssue[] | undefined; ecg?: readonly FieldIssue[] | undefined };
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const name = (r: VitalReading) => (isReadingKind(r.kind) ? t(vitalKeys.kind(r.kind)) : r.kind);
  return (
    <fieldset className="form-section">
      <legend>{t('consults.request.attachTitle')}</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={attachVitals}
          onChange={(e) => onChange({ attachVitals: e.target.checked })}
          data-testid="consult-attach-vitals"
        />
        <span>{t('consults.request.attachVitals')}</span>
      </label>
      <FieldIssues id="consult-attach-vitals-error" issues={issues.vitals} />
      {attachVitals &&
        (vitals === 'loading' ? (
          <p className="muted">{t('status.loading')}</p>
        ) : vitals === 'failed' ? (
          <p className="muted" data-testid="consult-attached-vitals">
            {t('consults.request.vitalsUnreadable')}
          </p>
        ) : vitals.length === 0 ? (
          <p className="consult-attached muted" data-testid="consult-attached-vitals">
            {t('consults.request.noVitals')}
          </p>
        ) : (
          <div className="consult-attached" data-testid="consult-attached-vitals">
            <span className="muted">{t('consults.request.vitalsGoing')}</span>
            <ul className="consult-attached-list">
              {vitals.map((r) => (
                <li key={r.id} data-testid={`consult-attached-${r.kind}`}>
                  {name(r)} {readingValueText(r, i18n.language)} {r.unit}
                  {r.visitId !== visitId && (
                    <span className="muted">
                      {' '}
                      {t('consults.request.earlierReading', { when: format.dateTime(r.effectiveAt) })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </div>
        ))}
      {strips === null ? (
        <p className="muted">{t('status.loading')}</p>
      ) : strips.length === 0 ? (
        <p className="muted" data-testid="consult-no-ecg">
          {t('consults.request.noEcg')}
        </p>
      ) : (
        <div data-testid="consult-ecg">
          <SelectField
            label={t('consults.request.ecg')}
            value={ecgObservationId ?? ''}
            emptyLabel={t('consults.request.noEcgChosen')}
            options={strips.map((s) => ({
              value: s.id,
              label:
                s.visitId === visitId
                  ? t('consults.request.ecgThisVisit', { when: format.dateTime(s.at) })
                  : t('consults.request.ecgEarlier', { when: format.dateTime(s.at) }),
            }))}
            onChange={(id) => onChange({ ecgObservationId: id === '' ? null : id })}
            issues={issues.ecg}
          />
        </div>
      )}
    </fieldset>
  );
}
