import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineEntry } from '../../../../contract/records/visit.js';
import { useFormatters } from '../../../components/format.js';
import type { RecordHistory } from './timeline-model.js';

const sameFacts = (a: TimelineEntry, b: TimelineEntry) => JSON.stringify(a.summary) === JSON.stringify(b.summary);

/**
 * One record on the timeline. A correction sits with what it corrects: the current value, the
 * reason and who corrected it, and the replaced values struck through but still readable.
 */
export function TimelineRecord({
  history,
  words,
}: {
  history: RecordHistory;
  words: (entry: TimelineEntry) => ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { current } = history;
  const retired = current.status === 'entered-in-error';
  const corrected = current.replaces !== null;
  const replaced = retired ? history.previous.filter((p) => !sameFacts(p, current)) : history.previous;
  return (
    <li
      className={`tl-record${retired ? ' tl-retired' : ''}`}
      data-testid="timeline-record"
      data-type={current.type}
      data-status={current.status}
    >
      <div className="tl-line">
        {retired ? <del>{words(current)}</del> : <span>{words(current)}</span>}
        {retired && <span className="tag tag-retired">{t('timeline.enteredInError')}</span>}
        {!retired && corrected && <span className="tag tag-amended">{t('timeline.amended')}</span>}
        <span className="tl-meta">
          {format.dateTime(history.firstAt)} · {history.firstBy}
        </span>
      </div>
      {corrected && (
        <div className="tl-correction">
          {t('timeline.correctedBy', { by: current.by, when: format.dateTime(current.at) })}
          {current.correctionReason && <> · {t('timeline.reason', { reason: current.correctionReason })}</>}
        </div>
      )}
      {corrected &&
        replaced.map((p) => (
          <div key={p.version} className="tl-previous">
            <span className="visually-hidden">{t('timeline.replacedValue')}</span>
            <del>{words(p)}</del>
            <span className="tl-meta">
              {t('timeline.versionOf', { version: p.version, when: format.dateTime(p.at) })}
            </span>
          </div>
        ))}
    </li>
  );
}
