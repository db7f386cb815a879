import { useTranslation } from 'react-i18next';
import { hrefOf } from '../routes.js';
import type { Ring } from './ring-state.js';

/** The ring, visible: one line per consult that rang, most urgent first, and the way to silence it. */
export function RingBanner({ rings, onAcknowledge }: { rings: readonly Ring[]; onAcknowledge: () => void }) {
  const { t } = useTranslation();
  if (rings.length === 0) return null;
  const emergency = rings.some((r) => r.urgency === 'emergency');
  return (
    <div
      className={`ring-banner${emergency ? ' ring-emergency' : ''}`}
      role="alert"
      data-testid="ring-banner"
      data-urgency={rings[0]?.urgency}
    >
      <ul>
        {rings.map((ring) => (
          <li key={ring.consultId}>
            <span className={`tag tag-urgency-${ring.urgency}`}>{t(`urgency.${ring.urgency}`)}</span>{' '}
            {t('ring.newConsult')}{' '}
            <a href={hrefOf({ page: 'consult', consultId: ring.consultId })} onClick={onAcknowledge}>
              {t('ring.open')}
            </a>
          </li>
        ))}
      </ul>
      <button type="button" className="button-primary" onClick={onAcknowledge}>
        {t('ring.acknowledge')}
      </button>
    </div>
  );
}
