import { useTranslation } from 'react-i18next';
import { waitingText } from './queue-view.js';

/** How long a consult has waited, ticking with `now`. */
export function WaitingTime({ since, now }: { since: string; now: number }) {
  const { t } = useTranslation();
  const { key, ...parts } = waitingText(since, now);
  return (
    <time className="waiting" dateTime={since} data-testid="waiting-time">
      {t(`queue.wait.${key}`, parts)}
    </time>
  );
}
