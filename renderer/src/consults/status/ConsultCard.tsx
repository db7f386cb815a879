import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../../contract/index.js';
import { useFormatters } from '../../../components/format.js';
import { hrefOf } from '../../routes.js';
import { canCancel, canJoin, consultTone } from '../consult-words.js';
import { useConsultWords } from '../use-consult-words.js';
import { CallHistory } from './CallHistory.js';
import { CancelConsult } from './CancelConsult.js';
import { ConsultNoteView } from './ConsultNoteView.js';

/**
 * One consult as the village doctor follows it: what was asked, where it stands in words, how
 * long it has waited, the note once answered, the calls held, and what she can do now.
 */
export function ConsultCard({
  station,
  consult: c,
  now,
  onChanged,
  heading,
}: {
  station: StationApi;
  consult: ConsultSummary;
  now: Date;
  onChanged: () => void;
  /** What names the consult where several patients' consults are listed (the patient). */
  heading?: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const words = useConsultWords();
  const wait = words.wait(c, now);
  const who = c.specialist?.name ?? t('consults.aSpecialist');
  return (
    <article
      className={`consult-card tone-${consultTone(c.state)}`}
      data-testid="consult-card"
      data-consult={c.consultId}
      data-state={c.state}
    >
      {heading}
      <div className="consult-card-head">
        <span className="tag">{words.specialty(c.specialty)}</span>
        <span className={`tag urgency-tag urgency-${c.urgency}`} data-testid="consult-urgency">
          {words.urgency(c.urgency)}
        </span>
        <strong className="consult-state" data-testid="consult-state" role="status">
          {words.state(c)}
        </strong>
        {wait && (
          <span className="muted" data-testid="consult-wait">
            {wait}
          </span>
        )}
      </div>
      <p className="consult-question">
        <span className="muted">{t('consults.askedAt', { when: format.dateTime(c.requestedAt) })}</span> {c.question}
      </p>
      {!c.delivered && c.state !== 'cancelled' && (
        <p className="muted" data-testid="consult-undelivered">
          {t('consults.undelivered')}
        </p>
      )}
      {c.note && <ConsultNoteView note={c.note} />}
      <CallHistory calls={c.calls} />
      <div className="consult-actions">
        {canJoin(c.state) && (
          <a
            className="button primary consult-join"
            href={hrefOf({ name: 'call', consultId: c.consultId })}
            aria-label={t('consults.alert.joinLabel', { name: who })}
            data-testid="consult-join"
          >
            {c.state === 'in_call' ? t('consults.rejoin') : t('consults.join')}
          </a>
        )}
        {canCancel(c.state) && <CancelConsult station={station} consult={c} onCancelled={onChanged} />}
      </div>
    </article>
  );
}
