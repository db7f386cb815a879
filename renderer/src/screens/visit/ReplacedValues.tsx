import { useTranslation } from 'react-i18next';
import { readingValueText } from '../../../components/vitals/reading-text.js';
import type { RecordHistory } from '../timeline/timeline-model.js';

/** Older values of a corrected reading, struck through, with the reason it was corrected. */
export function ReplacedValues({ history, language }: { history: RecordHistory | undefined; language: string }) {
  const { t } = useTranslation();
  if (!history || history.current.replaces === null) return null;
  return (
    <div className="tl-correction">
      {history.current.correctionReason && t('timeline.reason', { reason: history.current.correctionReason })}
      {history.previous
        .filter(
          (p) =>
            p.summary['value'] !== history.current.summary['value'] ||
            p.summary['value2'] !== history.current.summary['value2'],
        )
        .map((p) => {
          const value = p.summary['value'];
          const value2 = p.summary['value2'];
          if (typeof value !== 'number') return null;
          return (
            <span key={p.version} className="tl-previous">
              <span className="visually-hidden">{t('timeline.replacedValue')}</span>
              <del>
                {readingValueText({ kind: '', value, value2: typeof value2 === 'number' ? value2 : null }, language)}{' '}
                {String(p.summary['unit'] ?? '')}
              </del>
            </span>
          );
        })}
    </div>
  );
}
