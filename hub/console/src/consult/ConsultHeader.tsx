import { useTranslation } from 'react-i18next';
import type { ConsultDetail } from '../../../server/consults/console-wire.js';
import { SpecialtyLine, StateTag, UrgencyBadge } from '../queue/ConsultFacts.js';
import { WaitingTime } from '../queue/WaitingTime.js';
import { useNow } from '../use-now.js';

/** The request: urgency, state, where from, how long it has waited, and the question. */
export function ConsultHeader({ detail }: { detail: ConsultDetail }) {
  const { t } = useTranslation();
  const now = useNow();
  const open = detail.state !== 'answered' && detail.state !== 'cancelled';
  return (
    <header className="consult-head">
      <div className="consult-tags">
        <UrgencyBadge urgency={detail.urgency} />
        <StateTag entry={detail} />
        <SpecialtyLine entry={detail} />
      </div>
      <dl className="facts">
        <dt>{t('queue.station')}</dt>
        <dd>{detail.stationName ?? t('queue.unnamedStation')}</dd>
        {open && (
          <>
            <dt>{t('queue.waiting')}</dt>
            <dd>
              <WaitingTime since={detail.requestedAt} now={now} />
            </dd>
          </>
        )}
      </dl>
      <section aria-labelledby="question-title">
        <h2 id="question-title">{t('consult.question')}</h2>
        <p className="question-text" data-testid="consult-question">
          {detail.question}
        </p>
      </section>
    </header>
  );
}
