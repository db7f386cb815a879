import { useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceInfo } from '../../../contract/index.js';
import { ECG_LAYOUTS } from '../../components/ecg/ecg-paper.js';
import type { EcgLayout } from '../../components/ecg/ecg-paper.js';
import { EcgTrace } from '../../components/ecg/EcgTrace.js';
import type { WaveSource } from '../../components/waveform/wave-ring.js';
import { DeviceStateTag } from './DeviceStateTag.js';
import { useDeviceWords } from './use-device-words.js';

const ZOOMS = [1, 1.5] as const;

/** A row of toggle buttons, one pressed. */
function Toggle<T extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  return (
    <div className="toggle" role="group" aria-label={label}>
      <span className="muted">{label}</span>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          className="secondary"
          aria-pressed={o.value === value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** An ECG device live: its state, the 12-lead trace with layout and size, and (in a visit) recording. */
export function EcgPanel({
  device,
  wave,
  skipped,
  children,
}: {
  device: DeviceInfo;
  wave: () => WaveSource | null;
  /** Waveform batches the screen could not take; the trace shows breaks there. */
  skipped: number;
  /** The record button, where a visit is open. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const words = useDeviceWords();
  const [layout, setLayout] = useState<EcgLayout>('3x4');
  const [zoom, setZoom] = useState<number>(1);
  return (
    <section className="device-view ecg" aria-label={words.name(device)} data-testid="ecg-view">
      <div className="device-view-head">
        <h3>{t('ecg.title')}</h3>
        <span className="muted">{words.name(device)}</span>
        <DeviceStateTag device={device} />
      </div>
      <div className="ecg-controls">
        <Toggle
          label={t('ecg.layout')}
          value={layout}
          options={ECG_LAYOUTS.map((l) => ({ value: l, label: t(`ecg.layouts.${l}`) }))}
          onChange={setLayout}
        />
        <Toggle
          label={t('ecg.size')}
          value={zoom}
          options={ZOOMS.map((z) => ({ value: z, label: t(z === 1 ? 'ecg.sizeNormal' : 'ecg.sizeLarge') }))}
          onChange={setZoom}
        />
      </div>
      <EcgTrace source={wave} layout={layout} zoom={zoom} label={t('ecg.traceLabel', { device: words.name(device) })} />
      {skipped > 0 && <p className="muted">{t('devices.skipped')}</p>}
      {children}
    </section>
  );
}
