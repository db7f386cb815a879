import { useTranslation } from 'react-i18next';
import type { DeviceInfo, PendingReading } from '../../../contract/index.js';
import { useFormatters } from '../../components/format.js';
import { InterpretationTag } from '../../components/vitals/InterpretationTag.js';
import { PlethWave } from '../../components/waveform/PlethWave.js';
import type { WaveSource } from '../../components/waveform/wave-ring.js';
import { DeviceStateTag } from './DeviceStateTag.js';
import { useDeviceWords } from './use-device-words.js';

/** The CMS50D family sends the pleth as 7-bit device units. */
const PLETH_RANGE = [0, 127] as const;

function BigValue({
  label,
  reading,
  measuring,
  testId,
}: {
  label: string;
  reading: PendingReading | undefined;
  measuring: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className={`big-value${measuring ? '' : ' big-value-stale'}`} data-testid={testId}>
      <span className="big-label">{label}</span>
      {reading ? (
        <>
          <span className="big-number">
            {format.number(reading.value)} <span className="unit">{reading.unit}</span>
          </span>
          <InterpretationTag code={reading.interpretation} />
          <span className="big-time">
            {measuring
              ? format.timeOfDay(reading.measuredAt)
              : t('oximeter.lastValueAt', { time: format.timeOfDay(reading.measuredAt) })}
          </span>
        </>
      ) : (
        <span className="big-number muted">{t('oximeter.noValue')}</span>
      )}
    </div>
  );
}

/**
 * A pulse oximeter live: SpO2 and pulse rate as the device sends them each second, with units
 * and flags, and the pleth wave. A value from before the finger came out stays visible but
 * greyed, with its time, so it is never taken for a live one.
 */
export function OximeterView({
  device,
  live,
  wave,
}: {
  device: DeviceInfo;
  live: Readonly<Record<string, PendingReading>> | undefined;
  wave: () => WaveSource | null;
}) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  const measuring = device.state === 'measuring';
  return (
    <section className="device-view oximeter" aria-label={words.name(device)} data-testid="oximeter-view">
      <div className="device-view-head">
        <h3>{words.name(device)}</h3>
        <DeviceStateTag device={device} />
      </div>
      <div className="big-values">
        <BigValue label={t('vitals.kinds.spo2')} reading={live?.['spo2']} measuring={measuring} testId="live-spo2" />
        <BigValue label={t('oximeter.pulse')} reading={live?.['heartRate']} measuring={measuring} testId="live-pulse" />
      </div>
      <PlethWave source={wave} channel="pleth" range={PLETH_RANGE} label={t('oximeter.pleth')} />
    </section>
  );
}
