import { useTranslation } from 'react-i18next';
import { useNow } from '../../sync/use-sync-status.js';
import { callLength } from '../consult-words.js';
import { useConsultWords } from '../use-consult-words.js';
import type { CallView } from './call-view.js';

/** The call in words: its state, the quality mode it sends in, the clock, and what is missing. */
export function CallStatus({ view }: { view: CallView }) {
  const { t } = useTranslation();
  const words = useConsultWords();
  const now = useNow(1_000);
  const phase = view.phase === 'starting' ? 'connecting' : view.phase;
  return (
    <div className="call-status" role="status" aria-live="polite">
      <strong className={`call-phase phase-${phase}`} data-testid="call-state" data-state={phase}>
        {words.callState(phase)}
      </strong>
      {view.mode && (
        <span data-testid="call-mode" data-mode={view.mode}>
          {t('consults.call.modeLabel', { mode: words.mode(view.mode) })}
        </span>
      )}
      {view.connectedAt !== null && view.phase !== 'ended' && (
        <span className="call-clock" data-testid="call-clock">
          {callLength((now.getTime() - view.connectedAt) / 1000)}
        </span>
      )}
      {view.remoteMode === 'audio' && (
        <span className="muted" data-testid="call-remote-audio-only">
          {t('consults.call.remoteAudioOnly')}
        </span>
      )}
      {view.peer === 'left' && view.phase !== 'ended' && (
        <span className="status-warn" data-testid="call-peer-left">
          {t('consults.call.peerLeft')}
        </span>
      )}
      {!view.hubOnline && (
        <span className="status-warn" data-testid="call-hub-offline">
          {t('consults.call.hubOffline')}
        </span>
      )}
    </div>
  );
}
