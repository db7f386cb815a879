import { StationError } from '../../contract/errors.js';
import type { DeviceManager } from './device-manager.js';
import { StripCollector } from './ecg-strip.js';
import type { EcgStrip } from './ecg-strip.js';

/**
 * Records `seconds` of a device's waveform as it streams, in the core (a screen that falls
 * behind does not affect it). Fails if the device stops sending for `idleMs` or goes away:
 * a strip is stored whole or not at all.
 */
export function collectStrip(
  manager: DeviceManager,
  deviceKey: string,
  seconds: number,
  idleMs = 3_000,
): Promise<EcgStrip> {
  return new Promise((resolve, reject) => {
    let collector: StripCollector | null = null;
    let idle: NodeJS.Timeout;
    const finish = (outcome: { strip: EcgStrip } | { error: unknown }) => {
      clearTimeout(idle);
      stop();
      if ('strip' in outcome) resolve(outcome.strip);
      else
        reject(
          outcome.error instanceof StationError
            ? outcome.error
            : new StationError('device_unavailable', { recordId: deviceKey }),
        );
    };
    const arm = () => {
      clearTimeout(idle);
      idle = setTimeout(() => finish({ error: null }), idleMs);
    };
    const stop = manager.onDeviceEvent((key, event) => {
      if (key !== deviceKey) return;
      if (event.type === 'status' && event.state === 'disconnected') return finish({ error: null });
      if (event.type === 'error' && event.kind === 'disconnected') return finish({ error: null });
      if (event.type !== 'waveform') return;
      arm();
      try {
        collector ??= new StripCollector(Math.round(seconds * event.sampleRate));
        collector.add(event);
        if (collector.done) finish({ strip: collector.strip() });
      } catch (error) {
        finish({ error });
      }
    });
    arm();
  });
}
