import { useTranslation } from 'react-i18next';
import type { StationApi } from '../../../contract/index.js';
import { deviceFeed } from './device-feed-store.js';
import { DeviceList } from './DeviceList.js';
import { EcgPanel } from './EcgPanel.js';
import { EcgRecordButton } from './EcgRecordButton.js';
import type { RecordedStrip } from './EcgRecordButton.js';
import type { FeedState } from './feed-state.js';
import { OximeterView } from './OximeterView.js';
import { PendingReadings } from './PendingReadings.js';

/** How this station records an ECG strip into a visit, or null when its core has no such call. */
function strip(station: StationApi, visitId: string, deviceKey: string) {
  // Checked at run time too: a renderer may meet an older core (or preload) without the call.
  const record = (station.devices as Partial<StationApi['devices']>).recordEcg;
  if (typeof record !== 'function') return null;
  return (seconds: number): Promise<RecordedStrip> => record({ visitId, deviceKey, seconds });
}

/**
 * The attached measuring devices live: their states, the oximeter's numbers and pleth, the ECG
 * trace, and the readings waiting to be confirmed. In an open visit (`visitId`) readings are
 * confirmed into it and an ECG strip can be recorded; elsewhere they are only shown.
 */
export function LiveDevices({
  station,
  feed,
  visitId,
  onStored,
}: {
  station: StationApi;
  feed: FeedState;
  visitId: string | null;
  /** Something was stored in the visit (readings confirmed, a strip recorded). */
  onStored?: (observationIds: readonly string[]) => void;
}) {
  const { t } = useTranslation();
  const measuring = feed.devices.filter((d) => d.category !== 'id-card');
  if (feed.feed === null) {
    return (
      <p className="muted" role="status">
        {t('devices.connecting')}
      </p>
    );
  }
  return (
    <>
      {measuring.length === 0 ? (
        <p className="muted">{t('devices.none')}</p>
      ) : (
        <DeviceList station={station} devices={measuring} canDownload={visitId !== null} />
      )}
      {measuring
        .filter((d) => d.category === 'oximeter')
        .map((d) => (
          <OximeterView key={d.key} device={d} live={feed.live[d.key]} wave={() => deviceFeed.ring(d.key)} />
        ))}
      {measuring
        .filter((d) => d.category === 'ecg')
        .map((d) => {
          const record = visitId === null ? null : strip(station, visitId, d.key);
          return (
            <EcgPanel key={d.key} device={d} wave={() => deviceFeed.ring(d.key)} skipped={feed.skipped[d.key] ?? 0}>
              {visitId !== null && (
                <EcgRecordButton
                  streaming={d.state === 'measuring' || d.state === 'connected'}
                  onRecord={
                    record &&
                    ((seconds) =>
                      record(seconds).then((done) => {
                        onStored?.([]);
                        return done;
                      }))
                  }
                />
              )}
            </EcgPanel>
          );
        })}
      <PendingReadings station={station} visitId={visitId} readings={feed.pending} onConfirmed={onStored} />
    </>
  );
}
