import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo, StationApi } from '../../../contract/index.js';
import { Failure } from '../Failure.js';
import { useSubmission } from '../forms/use-submission.js';

/** Devices that keep readings in their memory. */
export const KEEPS_READINGS: readonly DeviceInfo['category'][] = ['blood-pressure', 'glucometer', 'oximeter'];

/** Reads what a device keeps in its memory; the readings join the list to confirm. */
export function DownloadStored({ station, device }: { station: StationApi; device: DeviceInfo }) {
  const { t } = useTranslation();
  const [read, setRead] = useState<number | null>(null);
  const { failure, busy, send } = useSubmission();
  const download = () => {
    setRead(null);
    send(
      () => station.devices.download({ deviceKey: device.key }),
      ({ readings }) => setRead(readings),
    );
  };
  return (
    <div className="device-download">
      <button type="button" className="secondary" disabled={busy || device.state === 'disconnected'} onClick={download}>
        {busy ? t('devices.downloading') : t('devices.download')}
      </button>
      {read !== null && (
        <span role="status" data-testid="downloaded">
          {t('devices.downloaded', { count: read })}
        </span>
      )}
      <Failure message={failure} />
    </div>
  );
}
