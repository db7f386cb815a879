import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { hrefOf } from '../routes.js';
import { estimatePhrase, lastSyncPhrase } from './sync-format.js';
import { SyncStateDot } from './SyncStateDot.js';
import { useNow, useSyncStatus } from './use-sync-status.js';
import { useSyncWords } from './use-sync-words.js';
import { WaitingCounts } from './WaitingCounts.js';
import './sync.css';

/**
 * The strip at the foot of every screen: online or not, what waits per lane, when the last
 * sync succeeded, how long catching up will take, and what the hub refused. It opens the
 * sync page.
 */
export function SyncBar({ station }: { station: StationApi }) {
  const { t, i18n } = useTranslation();
  const words = useSyncWords();
  const status = useSyncStatus(station);
  const now = useNow(20_000);
  const estimate = status && estimatePhrase(status);
  return (
    <footer className="sync-bar" aria-label={t('sync.barLabel')}>
      <a className="sync-bar-link" href={hrefOf({ name: 'sync' })} data-testid="sync-bar">
        {status === null ? (
          <span className="muted">{t('status.loading')}</span>
        ) : (
          <>
            <SyncStateDot state={status.state} />
            <WaitingCounts waiting={status.waiting} />
            <span data-testid="sync-last">
              {t('sync.lastSyncLabel')} {words.phrase(lastSyncPhrase(status.lastSyncAt, now, i18n.language))}
            </span>
            {estimate && <span data-testid="sync-estimate">{words.phrase(estimate)}</span>}
            {status.needsAttention > 0 && (
              <span className="sync-attention" data-testid="sync-attention">
                {t('sync.attentionBadge', { count: status.needsAttention })}
              </span>
            )}
          </>
        )}
      </a>
    </footer>
  );
}
