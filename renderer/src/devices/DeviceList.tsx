import { useTranslation } from 'react-i18next';
import type { DeviceInfo, StationApi } from '../../../contract/index.js';
import { DeviceStateTag } from './DeviceStateTag.js';
import { DownloadStored, KEEPS_READINGS } from './DownloadStored.js';
import { useDeviceWords } from './use-device-words.js';

/** The attached devices: what each is, where, its state and last problem; reading its memory when it has one. */
export function DeviceList({
  station,
  devices,
  canDownload,
}: {
  station: StationApi;
  devices: readonly DeviceInfo[];
  /** Offer to read device memories (where readings can be confirmed). */
  canDownload: boolean;
}) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  return (
    <ul className="device-list" aria-label={t('devices.attached')}>
      {devices.map((d) => (
        <li key={d.key} className="device-card" data-testid="device" data-category={d.category} data-state={d.state}>
          <div className="device-name">
            <strong>{words.name(d)}</strong> <span className="muted">{words.category(d.category)}</span>
          </div>
          <DeviceStateTag device={d} />
          <div className="device-port muted">
            {t('devices.port', { port: d.port })} · {words.how(d.how)}
          </div>
          {d.state === 'disconnected' && <div className="muted">{t('devices.reconnectsItself')}</div>}
          {d.error && <div className="status-warn">{t('devices.lastError', { error: words.error(d.error) })}</div>}
          {canDownload && KEEPS_READINGS.includes(d.category) && <DownloadStored station={station} device={d} />}
        </li>
      ))}
    </ul>
  );
}
