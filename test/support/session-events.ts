import type { DeviceSession } from '../../drivers/core/driver.js';
import type { DriverEvent, ErrorEvent, Measurement } from '../../drivers/core/events.js';

/** Every event a session emits from now on, with the measurements and errors picked out. */
export function collectEvents(session: DeviceSession) {
  const events: DriverEvent[] = [];
  session.on((event) => events.push(event));
  return {
    events,
    measurements: () => events.filter((e): e is Measurement => e.type === 'measurement'),
    errors: () => events.filter((e): e is ErrorEvent => e.type === 'error'),
  };
}

/** What a download ended with: its readings, or (when it rejected) the error. */
export interface DownloadOutcome {
  readonly readings: Measurement[] | null;
  readonly error: unknown;
}

/**
 * Runs one download to its end without throwing, and returns how it ended with what the session
 * emitted meanwhile. `onEvent` sees each event after it is collected (e.g. to pull the cable).
 */
export async function runDownload(
  session: DeviceSession & Required<Pick<DeviceSession, 'download'>>,
  onEvent?: (event: DriverEvent) => void,
): Promise<{ outcome: DownloadOutcome; measurements: Measurement[]; errors: ErrorEvent[] }> {
  const { measurements, errors } = collectEvents(session);
  if (onEvent) session.on(onEvent);
  const outcome: DownloadOutcome = await session.download().then(
    (readings) => ({ readings, error: null }),
    (error: unknown) => ({ readings: null, error }),
  );
  return { outcome, measurements: measurements(), errors: errors() };
}
