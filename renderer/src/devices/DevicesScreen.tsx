import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { hrefOf } from '../routes.js';
import { LiveDevices } from './LiveDevices.js';
import { useDeviceFeed } from './use-device-feed.js';

/** Live vitals from every attached device, outside a visit; readings are confirmed in a visit. */
export function DevicesScreen({ station }: { station: StationApi }) {
  const { t } = useTranslation();
  const feed = useDeviceFeed(station);
  return (
    <section className="panel wide" aria-labelledby="live-title">
      <div className="panel-head">
        <h1 id="live-title">{t('devices.screenTitle')}</h1>
        <a className="button" href={hrefOf({ name: 'devices' })}>
          {t('deviceSettings.open')}
        </a>
      </div>
      <p className="muted">{t('devices.screenIntro')}</p>
      <LiveDevices station={station} feed={feed} visitId={null} />
    </section>
  );
}
