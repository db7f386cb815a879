import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../../server/consults/console-wire.js';
import { urgencyTone, widenedFrom } from './queue-view.js';

/** The urgency badge: an emergency in red, with the word as well as the colour. */
export function UrgencyBadge({ urgency }: { urgency: QueueEntry['urgency'] }) {
  const { t } = useTranslation();
  return (
    <span className={`tag tag-urgency tag-${urgencyTone(urgency)}`} data-urgency={urgency}>
      {t(`urgency.${urgency}`)}
    </span>
  );
}

/** "Female, 67 years": what the specialist first needs of a patient she has not met. */
export function PatientLine({ patient }: { patient: QueueEntry['patient'] }) {
  const { t } = useTranslation();
  const age = patient.ageYears === null ? t('patient.ageUnknown') : t('patient.age', { years: patient.ageYears });
  return (
    <span>
      {t(`patient.sex.${patient.sex}`)}, {age}
    </span>
  );
}

/** The specialty the consult is for, and where it came from when the hub widened it. */
export function SpecialtyLine({ entry }: { entry: Pick<QueueEntry, 'specialty' | 'routedSpecialty' | 'widenedAt'> }) {
  const { t } = useTranslation();
  const from = widenedFrom(entry);
  return (
    <span>
      {t(`specialty.${entry.routedSpecialty}`)}
      {from !== null && (
        <span className="widened" data-testid="widened-from">
          {' '}
          {t('queue.widenedFrom', { specialty: t(`specialty.${from}`) })}
        </span>
      )}
    </span>
  );
}

/** Where a consult stands, and who took it. */
export function StateTag({ entry }: { entry: Pick<QueueEntry, 'state' | 'acceptedBy' | 'mine'> }) {
  const { t } = useTranslation();
  const who = entry.acceptedBy && !entry.mine ? t('queue.by', { name: entry.acceptedBy.name }) : '';
  return (
    <span className={`tag tag-state-${entry.state}`} data-state={entry.state}>
      {t(`consultState.${entry.state}`)}
      {who && ` ${who}`}
    </span>
  );
}
