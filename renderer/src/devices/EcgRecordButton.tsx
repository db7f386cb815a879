import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Failure } from '../Failure.js';
import { useErrorMessage } from '../use-error-message.js';

export const STRIP_SECONDS = 10;

export interface RecordedStrip {
  readonly seconds: number;
  readonly missingSamples: number;
}

/**
 * Records a 10-second ECG strip into the visit. The recording itself is the core's (from the
 * live stream, not from what this screen drew). Without a way to record (`onRecord` null: a core
 * without the call) the button is shown disabled and says so; nothing is pretended.
 */
export function EcgRecordButton({
  onRecord,
  streaming,
}: {
  onRecord: ((seconds: number) => Promise<RecordedStrip>) | null;
  /** The ECG is sending a signal now. */
  streaming: boolean;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  const [done, setDone] = useState<RecordedStrip | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!busy) return;
    const started = Date.now();
    const id = setInterval(() => setElapsed(Math.min(STRIP_SECONDS, Math.floor((Date.now() - started) / 1000))), 250);
    return () => clearInterval(id);
  }, [busy]);

  const record = () => {
    if (!onRecord) return;
    setBusy(true);
    setElapsed(0);
    setDone(null);
    setFailure(null);
    onRecord(STRIP_SECONDS).then(
      (strip) => {
        setBusy(false);
        setDone(strip);
      },
      (error: unknown) => {
        setBusy(false);
        setFailure(errorMessage(error));
      },
    );
  };

  const hint = onRecord === null ? t('ecg.recordUnavailable') : !streaming ? t('ecg.recordNeedsSignal') : null;
  return (
    <div className="ecg-record">
      <button
        type="button"
        className="primary"
        disabled={onRecord === null || !streaming || busy}
        aria-describedby={hint ? 'ecg-record-hint' : undefined}
        onClick={record}
        data-testid="ecg-record"
      >
        {busy ? t('ecg.recording', { elapsed, total: STRIP_SECONDS }) : t('ecg.record', { seconds: STRIP_SECONDS })}
      </button>
      {hint && (
        <span id="ecg-record-hint" className="muted">
          {hint}
        </span>
      )}
      {busy && <span className="muted">{t('ecg.holdStill')}</span>}
      {done && (
        <span className="status-good" role="status" data-testid="ecg-recorded">
          {t('ecg.recorded', { seconds: done.seconds })}
          {done.missingSamples > 0 && ` ${t('ecg.recordedGaps', { count: done.missingSamples })}`}
        </span>
      )}
      <Failure message={failure} />
    </div>
  );
}
