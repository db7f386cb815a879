import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi, VitalReading } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { InterpretationTag } from '../../../components/vitals/InterpretationTag.js';
import { readingValueText } from '../../../components/vitals/reading-text.js';
import { isReadingKind, vitalKeys } from '../../../components/vitals/vital-kinds.js';
import type { RecordHistory } from '../timeline/timeline-model.js';
import { AMEND_FIELDS, AmendReadingForm } from './AmendReadingForm.js';
import { ReplacedValues } from './ReplacedValues.js';
import { RetireForm } from './RetireForm.js';
import { ECG_LOINC } from '../../../../contract/records/vitals.js';

type Editing = { readonly id: string; readonly mode: 'amend' | 'retire' } | null;

/** The visit's readings with their flags; each can be corrected or marked entered in error. */
export function VitalsTable({
  station,
  readings,
  histories,
  onChanged,
}: {
  station: StationApi;
  readings: readonly VitalReading[];
  histories: ReadonlyMap<string, RecordHistory>;
  onChanged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [editing, setEditing] = useState<Editing>(null);
  if (readings.length === 0) return <p className="muted">{t('visit.noVitals')}</p>;
  const done = () => {
    setEditing(null);
    onChanged();
  };
  return (
    <table className="record-table" aria-label={t('visit.recordedVitals')}>
      <thead>
        <tr>
          <th scope="col">{t('visit.vitalKind')}</th>
          <th scope="col">{t('visit.value')}</th>
          <th scope="col">{t('visit.flag')}</th>
          <th scope="col">{t('visit.takenAt')}</th>
          <th scope="col">{t('visit.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {readings.map((r) => {
          // An ECG strip is listed by name and length (its trace belongs to the ECG view).
          const label =
            r.loinc === ECG_LOINC ? t('timeline.ecg') : isReadingKind(r.kind) ? t(vitalKeys.kind(r.kind)) : r.kind;
          const value = `${readingValueText(r, i18n.language)} ${r.unit}`;
          const what = `${label} ${value}`;
          const retired = r.status === 'entered-in-error';
          return (
            <tr
              key={r.id}
              data-testid={`vital-${r.kind}`}
              data-status={r.status}
              className={retired ? 'retired' : undefined}
            >
              <th scope="row">
                {label}
                {r.context && <span className="muted"> ({t(vitalKeys.glucoseContext(r.context))})</span>}
              </th>
              <td>
                {retired ? <del>{value}</del> : value}
                {retired && <span className="tag tag-retired">{t('timeline.enteredInError')}</span>}
                {r.status === 'amended' && <span className="tag tag-amended">{t('timeline.amended')}</span>}
                <ReplacedValues history={histories.get(r.id)} language={i18n.language} />
                {editing?.id === r.id && editing.mode === 'amend' && (
                  <AmendReadingForm
                    station={station}
                    reading={r}
                    what={what}
                    onDone={done}
                    onCancel={() => setEditing(null)}
                  />
                )}
                {editing?.id === r.id && editing.mode === 'retire' && (
                  <RetireForm
                    station={station}
                    recordId={r.id}
                    what={what}
                    onDone={done}
                    onCancel={() => setEditing(null)}
                  />
                )}
              </td>
              <td>
                {r.value2 === null ? (
                  <InterpretationTag code={r.interpretation} />
                ) : (
                  <>
                    <InterpretationTag code={r.interpretation} of={t('vitals.kinds.systolic')} />{' '}
                    <InterpretationTag code={r.interpretation2} of={t('vitals.kinds.diastolic')} />
                  </>
                )}
              </td>
              <td>{format.shortDateTime(r.effectiveAt)}</td>
              <td className="row-actions">
                {!retired && AMEND_FIELDS[r.kind] && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('corrections.amendWhat', { what })}
                    onClick={() => setEditing({ id: r.id, mode: 'amend' })}
                  >
                    {t('corrections.amend')}
                  </button>
                )}
                {!retired && (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t('corrections.retireWhat', { what })}
                    onClick={() => setEditing({ id: r.id, mode: 'retire' })}
                  >
                    {t('corrections.retire')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
