import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SelectField } from '../../forms/SelectField.js';
import { VideoView } from '../call/VideoView.js';
import { loadChoice, optionsOf, saveChoice } from './device-choice.js';
import type { DeviceChoice, DeviceOption } from './device-choice.js';
import { mediaErrorKey, openLocalMedia, stopMedia } from './local-media.js';
import type { LocalMedia } from './local-media.js';
import { useMicLevel } from '../../../components/media/use-mic-level.js';
import '../consults.css';

/**
 * Settings' pre-call check: pick the camera and microphone for consults, see the preview and the
 * microphone's level. The choice is kept on this machine and used by every call.
 */
export function PreCallCheck() {
  const { t } = useTranslation();
  const [choice, setChoice] = useState<DeviceChoice>(loadChoice);
  const [media, setMedia] = useState<LocalMedia | null>(null);
  /** The i18n key of why the devices could not be opened. */
  const [failure, setFailure] = useState<string | null>(null);
  const [devices, setDevices] = useState<readonly MediaDeviceInfo[]>([]);
  const [running, setRunning] = useState(false);
  const level = useMicLevel(media?.stream ?? null);

  useEffect(() => {
    if (!running) return;
    let live = true;
    let opened: MediaStream | null = null;
    openLocalMedia(choice)
      .then(async (m) => {
        opened = m.stream;
        if (!live) return stopMedia(m.stream);
        setMedia(m);
        // Device names are only given once the page may use the camera and microphone.
        const found = await navigator.mediaDevices.enumerateDevices();
        if (!live) return;
        setDevices(found);
      })
      .catch((error: unknown) => live && setFailure(mediaErrorKey(error)));
    return () => {
      live = false;
      stopMedia(opened);
      setMedia(null);
    };
  }, [running, choice]);

  const choose = (patch: Partial<DeviceChoice>) => {
    const next = { ...choice, ...patch };
    saveChoice(next);
    setFailure(null);
    setChoice(next);
  };
  const percent = Math.round(level * 100);
  // A device chosen before stays listed (and selected) until the devices are known again.
  const withSaved = (options: DeviceOption[], saved: string | null) =>
    saved === null || options.some((o) => o.id === saved)
      ? options
      : [...options, { id: saved, label: t('consults.precall.savedDevice') }];
  const cameras = withSaved(
    optionsOf(devices, 'videoinput', (n) => t('consults.precall.cameraN', { n })),
    choice.cameraId,
  );
  const microphones = withSaved(
    optionsOf(devices, 'audioinput', (n) => t('consults.precall.microphoneN', { n })),
    choice.microphoneId,
  );

  return (
    <section className="precall" aria-labelledby="precall-title" data-testid="precall-check">
      <h2 id="precall-title">{t('consults.precall.title')}</h2>
      <p className="muted">{t('consults.precall.intro')}</p>
      <div className="form-grid">
        <SelectField
          label={t('consults.precall.camera')}
          value={choice.cameraId ?? ''}
          emptyLabel={t('consults.precall.systemDefault')}
          options={cameras.map((d) => ({ value: d.id, label: d.label }))}
          onChange={(id) => choose({ cameraId: id === '' ? null : id })}
        />
        <SelectField
          label={t('consults.precall.microphone')}
          value={choice.microphoneId ?? ''}
          emptyLabel={t('consults.precall.systemDefault')}
          options={microphones.map((d) => ({ value: d.id, label: d.label }))}
          onChange={(id) => choose({ microphoneId: id === '' ? null : id })}
        />
      </div>
      {running ? (
        <div className="precall-live">
          <VideoView
            stream={media?.stream ?? null}
            muted
            label={t('consults.call.localVideo')}
            className="local-preview"
            testId="precall-preview"
          />
          <div className="precall-side">
            <label htmlFor="precall-level">{t('consults.precall.level')}</label>
            <meter
              id="precall-level"
              className="mic-meter"
              min={0}
              max={100}
              low={10}
              value={percent}
              data-testid="precall-mic-level"
            />
            <p className="muted">{t('consults.precall.speak')}</p>
            {media?.videoMissing && <p className="banner banner-warning">{t('consults.media.noCamera')}</p>}
            <button type="button" className="secondary" onClick={() => setRunning(false)} data-testid="precall-stop">
              {t('consults.precall.stop')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="primary"
          onClick={() => {
            setFailure(null);
            setRunning(true);
          }}
          data-testid="precall-start"
        >
          {t('consults.precall.start')}
        </button>
      )}
      {running && media === null && failure === null && <p className="muted">{t('consults.precall.opening')}</p>}
      {failure !== null && (
        <p className="banner banner-error" role="alert" data-testid="precall-error">
          {t(failure)}
        </p>
      )}
    </section>
  );
}
