import { useTranslation } from 'react-i18next';
import type { VitalReading } from '../../../contract/records/visit.js';
import { useFormatters } from '../format.js';
import { InterpretationTag } from './InterpretationTag.js';
import { readingValueText } from './reading-text.js';
import { isReadingKind, READING_KINDS, vitalKeys } from './vital-kinds.js';

/**
 * The latest reading of each kind, with its unit, when it was taken and its flag. Takes the
 * readings as props, so the specialist console can show the same panel.
 */
export function VitalsGlance({ readings, title }: { readings: readonly VitalReading[]; title: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const known = readings.filter((r) => isReadingKind(r.kind));
  const ordered = READING_KINDS.flatMap((kind) => known.filter((r) => r.kind === kind));
  return (
    <section className="glance" aria-labelledby="glance-title">
      <h2 id="glance-title">{title}</h2>
      {ordered.length === 0 ? (
        <p className="muted">{t('vitalsPanel.none')}</p>
      ) : (
        <ul className="glance-grid">
          {ordered.map((r) => {
            const kind = isReadingKind(r.kind) ? r.kind : 'bloodPressure';
            const flagged = [r.interpretation, r.interpretation2].some((c) => c !== null && c !== 'N');
            return (
              <li
                key={r.id}
                className={`glance-item${flagged ? ' glance-flagged' : ''}`}
                data-testid={`glance-${kind}`}
              >
                <span className="glance-label">{t(vitalKeys.kind(kind))}</span>
                <span className="glance-value">
                  {readingValueText(r, i18n.language)} <span className="unit">{r.unit}</span>
                </span>
                {r.context && <span className="glance-context">{t(vitalKeys.glucoseContext(r.context))}</span>}
                <span className="glance-flags">
                  {r.value2 === null ? (
                    <InterpretationTag code={r.interpretation} />
                  ) : (
                    <>
                      <InterpretationTag code={r.interpretation} of={t('vitals.kinds.systolic')} />
                      <InterpretationTag code={r.interpretation2} of={t('vitals.kinds.diastolic')} />
                    </>
                  )}
                </span>
                <time className="glance-time" dateTime={r.effectiveAt}>
                  {format.dateTime(r.effectiveAt)}
                </time>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
