import { Fragment } from 'react';
import type { SyncStatus } from '../../../contract/index.js';
import { useSyncWords } from './use-sync-words.js';

const LANES = ['emergency', 'consult', 'routine'] as const;

/** Records waiting per lane ("急救 0 · 会诊 0 · 常规 3"); a waiting emergency record stands out in red. */
export function WaitingCounts({ waiting }: { waiting: SyncStatus['waiting'] }) {
  const words = useSyncWords();
  return (
    <span className="sync-waiting">
      {LANES.map((lane, i) => (
        <Fragment key={lane}>
          {i > 0 && <span aria-hidden="true"> · </span>}
          <span
            className={lane === 'emergency' && waiting[lane] > 0 ? 'sync-lane sync-lane-urgent' : 'sync-lane'}
            data-testid={`sync-waiting-${lane}`}
            data-count={waiting[lane]}
          >
            {words.lane(lane)} {waiting[lane]}
          </span>
        </Fragment>
      ))}
    </span>
  );
}
