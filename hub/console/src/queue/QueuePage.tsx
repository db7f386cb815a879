import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../../server/consults/console-wire.js';
import { useMe } from '../api/console-context.js';
import { useQueue } from '../api/queue-context.js';
import { useErrorText } from '../api/use-error-text.js';
import { hrefOf } from '../routes.js';
import { useNow } from '../use-now.js';
import { AvailabilitySwitch } from './AvailabilitySwitch.js';
import { PatientLine, SpecialtyLine, StateTag, UrgencyBadge } from './ConsultFacts.js';
import { queueSections } from './queue-view.js';
import { WaitingTime } from './WaitingTime.js';

function QueueTable({ title, entries, now }: { title: string; entries: readonly QueueEntry[]; now: number }) {
  const { t } = useTranslation();
  return (
    <table className="table queue" aria-label={title}>
      <thead>
        <tr>
          <th>{t('queue.urgency')}</th>
          <th>{t('queue.waiting')}</th>
          <th>{t('queue.patient')}</th>
          <th>{t('queue.station')}</th>
          <th>{t('queue.specialty')}</th>
          <th>{t('queue.question')}</th>
          <th>{t('queue.state')}</th>
          <th>
            <span className="visually-hidden">{t('queue.open')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {entries.map((entry) => (
          <tr
            key={entry.consultId}
            data-testid="queue-entry"
            data-consult-id={entry.consultId}
            className={entry.urgency === 'emergency' ? 'queue-emergency' : undefined}
          >
            <td>
              <UrgencyBadge urgency={entry.urgency} />
            </td>
            <td>
              <WaitingTime since={entry.requestedAt} now={now} />
            </td>
            <td>
              {entry.patient.name && <div className="strong">{entry.patient.name}</div>}
              <PatientLine patient={entry.patient} />
            </td>
            <td>{entry.stationName ?? t('queue.unnamedStation')}</td>
            <td>
              <SpecialtyLine entry={entry} />
            </td>
            <td className="question">{entry.question}</td>
            <td>
              <StateTag entry={entry} />
            </td>
            <td>
              <a className="button-link" href={hrefOf({ page: 'consult', consultId: entry.consultId })}>
                {t('queue.open')}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The specialist's queue: who she is, whether she is available, and the consults as the hub orders them. */
export function QueuePage() {
  const { t } = useTranslation();
  const { me } = useMe();
  const { loaded, reload } = useQueue();
  const errorText = useErrorText();
  const now = useNow();
  const specialist = me.specialist;
  const sections = loaded.state === 'ready' ? queueSections(loaded.value.consults) : null;

  return (
    <section className="panel">
      <div className="panel-head">
        <div>
          <h1>{t('queue.title')}</h1>
          {specialist && (
            <p className="who" data-testid="specialist-name">
              {specialist.displayName} · {t(`specialty.${specialist.specialty}`)}
            </p>
          )}
        </div>
        <div className="actions">
          <AvailabilitySwitch />
          <button type="button" onClick={reload}>
            {t('common.refresh')}
          </button>
        </div>
      </div>
      {specialist && !specialist.available && (
        <p className="banner banner-warning" role="status">
          {t('queue.busyHint')}
        </p>
      )}
      {loaded.state === 'loading' && <p>{t('common.loading')}</p>}
      {loaded.state === 'failed' && (
        <p className="banner banner-error" role="alert">
          {errorText(loaded.error)}
        </p>
      )}
      {sections && sections.mine.length > 0 && (
        <>
          <h2>{t('queue.mine')}</h2>
          <QueueTable title={t('queue.mine')} entries={sections.mine} now={now} />
        </>
      )}
      {sections && (
        <>
          <h2>{t('queue.openTitle')}</h2>
          {sections.open.length === 0 ? (
            <p>{t('queue.empty')}</p>
          ) : (
            <QueueTable title={t('queue.openTitle')} entries={sections.open} now={now} />
          )}
        </>
      )}
    </section>
  );
}
