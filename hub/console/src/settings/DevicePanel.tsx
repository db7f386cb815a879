import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StreamVideo } from '../call/StreamVideo.js';
import { openLocalMedia, stopMedia } from './local-media.js';
import type { LocalMedia } from './local-media.js';
import { loadMediaChoice, saveMediaChoice } from './media-choice.js';
import type { MediaChoice } from './media-choice.js';
import { useDevices } from './use-devices.js';
import { useMicLevel } from '../../../../renderer/components/media/use-mic-level.js';

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/** Camera and microphone pickers with a live preview and a level meter: the pre-call check. */
export function DevicePanel() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<MediaChoice>(() => loadMediaChoice(storage()));
  const [media, setMedia] = useState<LocalMedia | null>(null);
  const { cameras, microphones } = useDevices(media);
  const level = useMicLevel(media?.stream ?? null);

  useEffect(() => {
    let live = true;
    let opened: MediaStream | null = null;
    void openLocalMedia(choice).then((result) => {
      opened = result.stream;
      if (live) setMedia(result);
      else stopMedia(opened);
    });
    return () => {
      live = false;
      stopMedia(opened);
    };
  }, [choice]);

  const choose = (next: MediaChoice) => {
    saveMediaChoice(storage(), next);
    setChoice(next);
  };

  return (
    <section className="device-panel" aria-labelledby="device-panel-title">
      <h2 id="device-panel-title">{t('devices.title')}</h2>
      <div className="device-grid">
        <div>
          <label className="field">
            <span>{t('devices.camera')}</span>
            <select
              name="camera"
              value={choice.cameraId ?? ''}
              onChange={(e) => choose({ ...choice, cameraId: e.target.value || null })}
            >
              <option value="">{t('devices.default')}</option>
              {cameras.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || t('devices.cameraN', { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('devices.microphone')}</span>
            <select
              name="microphone"
              value={choice.microphoneId ?? ''}
              onChange={(e) => choose({ ...choice, microphoneId: e.target.value || null })}
            >
              <option value="">{t('devices.default')}</option>
              {microphones.map((d, i) => (
                <option key={d.deviceId || i} value={d.deviceId}>
                  {d.label || t('devices.microphoneN', { n: i + 1 })}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('devices.level')}</span>
            <meter min={0} max={100} low={10} value={Math.round(level * 100)} data-testid="mic-level" />
          </label>
          {media?.missing === 'camera' && (
            <p className="banner banner-warning" role="status">
              {t('devices.noCamera')}
            </p>
          )}
          {media?.missing === 'both' && (
            <p className="banner banner-error" role="alert">
              {t('devices.noMedia')}
            </p>
          )}
        </div>
        <StreamVideo
          stream={media?.stream ?? null}
          muted
          label={t('devices.preview')}
          testId="device-preview"
          className="call-video call-video-local"
        />
      </div>
    </section>
  );
}
