import type { SyncState } from '../../../contract/index.js';
import { syncTone } from './sync-format.js';
import { useSyncWords } from './use-sync-words.js';

/** A coloured dot and the state in a word: 在线, 离线, 同步中 … */
export function SyncStateDot({ state }: { state: SyncState }) {
  const words = useSyncWords();
  return (
    <span className={`sync-state sync-tone-${syncTone(state)}`} data-testid="sync-state" data-state={state}>
      <span className="sync-dot" aria-hidden="true" />
      {words.state(state)}
    </span>
  );
}
