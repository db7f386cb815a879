import { useTranslation } from 'react-i18next';
import type { CallMode } from '../../../../contract/consults/consult.js';
import type { CallController, CallView } from './call-controller.js';
import { LiveVitals } from './LiveVitals.js';
import { modeLabel } from './mode-label.js';
import { StreamVideo } from './StreamVideo.js';

function ModeText({ mode }: { mode: CallMode | null }) {
  const { t } = useTranslation();
  if (mode === null) return <>—</>;
  const { key, ...numbers } = modeLabel(mode);
  return <>{t(key, numbers)}</>;
}

/** The call: the station's picture (or its latest still), this side's preview, how the call is doing, live vitals. */
export function CallPanel({
  controller,
  view,
  onHangUp,
}: {
  controller: CallController;
  view: CallView;
  onHangUp: () => void;
}) {
  const { t } = useTranslation();
  // What the specialist sees follows the station's mode; before it says, assume video.
  const stills = view.remoteMode === 'audio';
  const state = view.phase === 'starting' ? 'starting' : (view.state ?? 'connecting');
  return (
    <section className="call" aria-labelledby="call-title" data-testid="call-panel" data-call-state={state}>
      <div className="panel-head">
        <h2 id="call-title">{t('call.title')}</h2>
        <button type="button" className="button-danger" onClick={onHangUp} disabled={view.phase !== 'active'}>
          {t('call.hangUp')}
        </button>
      </div>
      <dl className="call-facts">
        <dt>{t('call.state')}</dt>
        <dd data-testid="call-state" className={`call-state call-state-${state}`}>
          {t(`call.states.${state}`)}
        </dd>
        <dt>{t('call.receiving')}</dt>
        <dd data-testid="call-remote-mode">
          <ModeText mode={view.remoteMode} />
        </dd>
        <dt>{t('call.sending')}</dt>
        <dd data-testid="call-mode">
          <ModeText mode={view.mode} />
        </dd>
        {view.quality?.inboundVideo && (
          <>
            <dt>{t('call.received')}</dt>
            <dd>
              {t('call.receivedVideo', {
                width: view.quality.inboundVideo.width ?? '—',
                height: view.quality.inboundVideo.height ?? '—',
                fps: view.quality.inboundVideo.fps ?? '—',
              })}
            </dd>
          </>
        )}
      </dl>
      {view.stationPresent === false && (
        <p className="banner banner-warning" role="status">
          {t('call.stationLeft')}
        </p>
      )}
      {view.refused && (
        <p className="banner banner-error" role="alert">
          {t(`call.refused.${view.refused}`)}
        </p>
      )}
      {view.missingMedia !== 'none' && (
        <p className="banner banner-warning" role="status">
          {t(view.missingMedia === 'camera' ? 'devices.noCamera' : 'devices.noMedia')}
        </p>
      )}
      <div className="call-videos">
        <div className="call-remote">
          <StreamVideo
            stream={view.remoteStream}
            muted={false}
            label={t('call.remoteVideo')}
            testId="remote-video"
            className={stills ? 'call-video call-video-hidden' : 'call-video'}
          />
          {stills &&
            (view.snapshotUrl ? (
              <img className="call-still" src={view.snapshotUrl} alt={t('call.still')} data-testid="call-still" />
            ) : (
              <p className="muted">{t('call.waitingStill')}</p>
            ))}
        </div>
        <StreamVideo
          stream={view.localStream}
          muted
          label={t('call.localVideo')}
          testId="local-video"
          className="call-video call-video-local"
        />
      </div>
      <LiveVitals feed={controller.feed} version={view.liveVersion} />
    </section>
  );
}
