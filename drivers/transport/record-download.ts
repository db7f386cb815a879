import type { DeviceSession } from '../core/driver.js';
import type { ReportTransport } from '../core/transport.js';
import { recording } from './replay.js';
import type { TranscriptStep } from './replay.js';
import type { SimulatedHid } from './simulated-hid.js';

/** One simulator conversation checked in as a transcript under test/fixtures/hid/. */
export interface FixtureCase<SimulatorOptions> {
  readonly name: string;
  /** The file's header comment: what the conversation shows and where its bytes come from. */
  readonly about: readonly string[];
  readonly simulator: SimulatorOptions;
  /** Pull the cable when the session emits its first measurement (the transcript ends there). */
  readonly unplugAtFirstReading?: boolean;
}

/**
 * Runs one download against a simulated HID device through recording() and returns the
 * steps, for a driver whose session only downloads (Omron, Contour). A failed download is
 * part of the conversation, not an error here.
 */
export async function recordDownload(
  hid: SimulatedHid,
  open: (transport: ReportTransport) => DeviceSession,
  unplugAtFirstReading = false,
): Promise<TranscriptStep[]> {
  const { transport, steps } = recording(hid);
  const session = open(transport);
  let pulled = false;
  session.on((event) => {
    if (unplugAtFirstReading && event.type === 'measurement' && !pulled) {
      pulled = true;
      hid.unplug();
    }
  });
  await session.download?.().catch(() => undefined);
  // recording() logs a write before passing it on; the one the pulled cable refused never
  // reached the device and is not part of the conversation.
  if (pulled && steps.at(-1)?.dir !== '<=') steps.pop();
  return steps;
}
