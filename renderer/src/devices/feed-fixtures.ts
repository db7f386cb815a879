import type { DeviceInfo, PendingReading } from '../../../contract/index.js';

/** Readings and devices as the core sends them, for tests. */
let nextId = 0;
const id = () => `0190b5c2-7a3e-7c00-8000-${String(++nextId).padStart(12, '0')}`;

/** A pending reading (a live SpO2 from an oximeter unless told otherwise). */
export function reading(patch: Partial<PendingReading> = {}): PendingReading {
  return {
    id: id(),
    deviceKey: 'contec-cms50d@/dev/ttyUSB0',
    device: 'Contec CMS50D+',
    kind: 'spo2',
    loinc: '59408-5',
    display: 'Oxygen saturation',
    value: 97,
    unit: '%',
    interpretation: 'N',
    measuredAt: '2026-11-30T03:00:00.000Z',
    stored: false,
    refusal: null,
    ...patch,
  };
}

/** An attached device (a measuring oximeter unless told otherwise). */
export function device(patch: Partial<DeviceInfo> = {}): DeviceInfo {
  return {
    key: 'contec-cms50d@/dev/ttyUSB0',
    driver: 'contec-cms50d',
    category: 'oximeter',
    manufacturer: 'Contec',
    model: 'CMS50D+',
    port: '/dev/ttyUSB0',
    how: 'usb',
    state: 'measuring',
    reason: null,
    error: null,
    ...patch,
  };
}
