import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../../contract/index.js';
import type { TimelineEntry } from '../../../../contract/records/visit.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';
import { timelineBlocks } from './timeline-model.js';
import { TimelineRecord } from './TimelineRecord.js';
import { useDiagnosisNames } from './use-diagnosis-names.js';
import { useEntryWords } from './use-entry-words.js';

const str = (entry: TimelineEntry | undefined, key: string) => {
  const v = entry?.summary[key];
  return typeof v === 'string' && v !== '' ? v : null;
};

/** Visits, readings and record changes, newest first, every version kept in view. */
export function PatientTimeline({ station, entries }: { station: StationApi; entries: readonly TimelineEntry[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const blocks = useMemo(() => timelineBlocks(entries), [entries]);
  const codes = useMemo(
    () =>
      entries.flatMap((e) =>
        e.type === 'Condition' && typeof e.summary['code'] === 'string' ? [e.summary['code']] : [],
      ),
    [entries],
  );
  const words = useEntryWords(useDiagnosisNames(station, codes));
  if (blocks.length === 0) return <p className="muted">{t('timeline.empty')}</p>;
  return (
    <ol className="timeline" aria-label={t('timeline.title')}>
      {blocks.map((block) =>
        block.kind === 'visit' ? (
          <li key={block.visitId} className="tl-block tl-visit" data-testid="timeline-visit">
            <div className="tl-head">
              <a href={hrefOf({ name: 'visit', id: block.visitId })} className="tl-title">
                {t('timeline.visit', {
                  reason: t(`visitReasons.${str(block.encounter?.current, 'reason') ?? 'other'}`),
                })}
              </a>
              {block.encounter && (
                <span className={`tag tag-${block.encounter.current.status}`}>
                  {t(`visit.status.${block.encounter.current.status}`)}
                </span>
              )}
              <span className="tl-meta">
                {format.dateTime(block.at)}
                {block.encounter && ` · ${block.encounter.firstBy}`}
              </span>
            </div>
            {str(block.encounter?.current, 'chiefComplaint') && (
              <p className="tl-complaint">
                {t('timeline.chiefComplaint', { text: str(block.encounter?.current, 'chiefComplaint') })}
              </p>
            )}
            {block.records.length > 0 && (
              <ul className="tl-records">
                {block.records.map((h) => (
                  <TimelineRecord key={h.recordId} history={h} words={words} />
                ))}
              </ul>
            )}
          </li>
        ) : (
          <li key={`record-${block.at}`} className="tl-block" data-testid="timeline-record-block">
            <div className="tl-head">
              <span className="tl-title">
                {block.records.some((h) => h.type === 'Patient')
                  ? t('timeline.registration')
                  : t('timeline.recordChange')}
              </span>
              <span className="tl-meta">{format.dateTime(block.at)}</span>
            </div>
            <ul className="tl-records">
              {block.records.map((h) => (
                <TimelineRecord key={h.recordId} history={h} words={words} />
              ))}
            </ul>
          </li>
        ),
      )}
    </ol>
  );
}
