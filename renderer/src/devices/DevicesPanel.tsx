import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { hrefOf } from '../routes.js';
import { LiveDevices } from './LiveDevices.js';
import { useDeviceFeed } from './use-device-feed.js';

/** The open visit's devices: readings arrive here, and the doctor confirms them into the visit. */
export function DevicesPanel({
  station,
  visitId,
  onStored,
}: {
  station: StationApi;
  visitId: string;
  onStored: (observationIds: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const feed = useDeviceFeed(station);
  return (
    <section className="panel wide devices-panel" aria-labelledby="devices-title" data-testid="devices-panel">
      <div className="panel-head">
        <h2 id="devices-title">{t('devices.panelTitle')}</h2>
        <a className="button" href={hrefOf({ name: 'devices' })}>
          {t('deviceSettings.open')}
        </a>
      </div>
      <LiveDevices station={station} feed={feed} visitId={visitId} onStored={onStored} />
    </section>
  );
}
