import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { Failure } from '../Failure.js';
import { useErrorMessage } from '../use-error-message.js';

type Outcome = { kind: 'idle' } | { kind: 'busy' } | { kind: 'said'; key: string } | { kind: 'failed'; error: unknown };

/** Starts a sync round now instead of waiting for the next one, and says what happened. */
export function SyncNowButton({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const syncNow = () => {
    setOutcome({ kind: 'busy' });
    station.sync.syncNow({}).then(
      ({ started }) => setOutcome({ kind: 'said', key: started ? 'sync.started' : 'sync.noHub' }),
      (error: unknown) => setOutcome({ kind: 'failed', error }),
    );
  };
  return (
    <div className="form-actions">
      <button type="button" className="primary" disabled={outcome.kind === 'busy'} onClick={syncNow}>
        {t('sync.syncNow')}
      </button>
      {outcome.kind === 'said' && (
        <span role="status" data-testid="sync-now-outcome">
          {t(outcome.key)}
        </span>
      )}
      {outcome.kind === 'failed' && <Failure message={errorMessage(outcome.error)} />}
    </div>
  );
}
