import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { WhenLoaded } from '../Failure.js';
import { useLoad } from '../../components/use-load.js';
import { NeedsAttentionList } from './NeedsAttentionList.js';
import { SyncFacts } from './SyncFacts.js';
import { SyncNowButton } from './SyncNowButton.js';
import { useSyncStatus } from './use-sync-status.js';

/** The sync page: where sync stands in full, a way to sync now, and what the hub refused. */
export function SyncScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const status = useSyncStatus(station);
  const [rejected, reload] = useLoad(useCallback(() => station.sync.needsAttention({}), [station]));
  // A new refusal (or one resolved) changes the count: read the list again then, not on the
  // first count, which the first load already answers.
  const count = status?.needsAttention;
  const seen = useRef(count);
  useEffect(() => {
    if (seen.current !== undefined && count !== seen.current) reload();
    seen.current = count;
  }, [count, reload]);
  return (
    <section className="panel wide">
      <h1>{t('sync.title')}</h1>
      {status === null ? <p>{t('status.loading')}</p> : <SyncFacts status={status} />}
      <SyncNowButton station={station} />
      <h2>{t('sync.attentionTitle')}</h2>
      <p className="muted">{t('sync.attentionIntro')}</p>
      <WhenLoaded page={rejected}>{(records) => <NeedsAttentionList records={records} />}</WhenLoaded>
    </section>
  );
}
