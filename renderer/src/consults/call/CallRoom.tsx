import { useTranslation } from 'react-i18next';
import type { ConsultSummary, StationApi } from '../../../../contract/index.js';
import { hrefOf } from '../../routes.js';
import { useJoinedCall } from '../alert/alert-store.js';
import { CallStatus } from './CallStatus.js';
import { useCall } from './use-call.js';
import { VideoView } from './VideoView.js';

/** The call itself: the specialist large, the doctor's own preview small, the state, hang up. */
export function CallRoom({ station, consult }: { station: StationApi; consult: ConsultSummary }) {
  const { t } = useTranslation();
  useJoinedCall(consult.consultId);
  const { view, media, mediaError, hangUp } = useCall(station, consult.consultId);
  const back = hrefOf({ name: 'visit', id: consult.visitId });
  const who = consult.specialist?.name ?? t('consults.aSpecialist');
  if (mediaError) {
    return (
      <>
        <p className="banner banner-error" role="alert" data-testid="call-media-error">
          {t(mediaError)}
        </p>
        <a className="button" href={back} data-testid="call-back">
          {t('consults.call.back')}
        </a>
      </>
    );
  }
  const showStill = view.remoteMode === 'audio' && view.snapshotUrl !== null;
  return (
    <div className="call-room" data-testid="call-room">
      <CallStatus view={view} />
      <div className="call-videos">
        <div className="call-remote">
          <VideoView
            stream={view.remoteStream}
            muted={false}
            label={t('consults.call.remoteVideo', { name: who })}
            className={showStill ? 'remote-video hidden-video' : 'remote-video'}
            testId="call-remote-video"
          />
          {showStill && (
            <img
              className="remote-still"
              src={view.snapshotUrl ?? undefined}
              alt={t('consults.call.remoteStill', { name: who })}
              data-testid="call-remote-still"
            />
          )}
          {view.remoteStream === null && view.phase !== 'ended' && (
            <p className="call-waiting muted">{t('consults.call.waitingForVideo', { name: who })}</p>
          )}
        </div>
        <div className="call-local">
          <VideoView
            stream={media?.stream ?? null}
            muted
            label={t('consults.call.localVideo')}
            className="local-preview"
            testId="call-local-video"
          />
          {media?.videoMissing && <p className="banner banner-warning">{t('consults.media.noCamera')}</p>}
        </div>
      </div>
      {view.phase === 'ended' ? (
        <div className="call-ended">
          <p className="banner banner-info" data-testid="call-ended">
            {t(`consults.call.ended.${view.endReason ?? 'failed'}`, { name: who })}
          </p>
          <a className="button primary" href={back} data-testid="call-back">
            {t('consults.call.back')}
          </a>
        </div>
      ) : (
        <div className="form-actions">
          <button
            type="button"
            className="danger call-hangup"
            onClick={hangUp}
            aria-label={t('consults.call.hangUpLabel', { name: who })}
            data-testid="call-hangup"
          >
            {t('consults.call.hangUp')}
          </button>
        </div>
      )}
    </div>
  );
}
