import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../contract/index.js';
import { useFormatters } from '../../components/format.js';
import { estimatePhrase, explanationKey } from './sync-format.js';
import { SyncStateDot } from './SyncStateDot.js';
import { useSyncWords } from './use-sync-words.js';
import { WaitingCounts } from './WaitingCounts.js';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** Sync in full: the state with what it means and what to do, the hub, the backlog and its times. */
export function SyncFacts({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const words = useSyncWords();
  const format = useFormatters();
  const estimate = estimatePhrase(status);
  return (
    <dl className="facts">
      <Fact label={t('sync.state')}>
        <SyncStateDot state={status.state} />
        <p className="sync-explain" data-testid="sync-explain">
          {t(explanationKey(status))}
        </p>
        {status.lastError && (
          <p className="muted">
            {t('sync.errorCode')} <span className="mono">{status.lastError}</span>
          </p>
        )}
      </Fact>
      <Fact label={t('sync.hubUrl')} testId="sync-hub-url">
        {status.hubUrl ?? t('sync.states.not_configured')}
      </Fact>
      <Fact label={t('sync.waiting')}>
        <WaitingCounts waiting={status.waiting} />
      </Fact>
      <Fact label={t('sync.estimateLabel')} testId="sync-estimate-full">
        {estimate ? words.phrase(estimate) : t('sync.estimate.nothing')}
      </Fact>
      <Fact label={t('sync.lastSyncLabel')} testId="sync-last-full">
        {status.lastSyncAt ? format.dateTime(status.lastSyncAt) : t('sync.lastSync.never')}
      </Fact>
    </dl>
  );
}
