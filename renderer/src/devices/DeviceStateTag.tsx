import type { DeviceInfo } from '../../../contract/index.js';
import { useDeviceWords } from './use-device-words.js';

/** A device's state, with why when it is not measuring ("无信号 · 手指未放入"). */
export function DeviceStateTag({ device }: { device: Pick<DeviceInfo, 'state' | 'reason'> }) {
  const words = useDeviceWords();
  return (
    <span className={`pill device-state device-${device.state}`} data-testid="device-state" data-state={device.state}>
      {words.state(device.state)}
      {device.reason && ` · ${words.reason(device.reason)}`}
    </span>
  );
}
