import { expect } from 'vitest';
import type { DeviceSession } from '../core/driver.js';
import type { Measurement } from '../core/events.js';
import { sequenceBreaks, sleep } from './pty-rig.js';
import type { PtyRig, recordEvents } from './pty-rig.js';
import type { StoredReading } from './legacy-download-frame.js';

/**
 * Checks the legacy and the 4.6 session tests share: both generations stream the same
 * readings and pleth, and must lose bad frames and the cable the same way.
 */

type Recorder = ReturnType<typeof recordEvents>;

/** What the checks need of either simulator. */
interface Oximeter {
  readonly sentPleth: readonly number[];
  corruptNextFrame(values?: Partial<StoredReading>): void;
  truncateNextFrame(): void;
}

/** Live measurements alternate SpO2 and pulse, each exactly as the simulator sent it. */
export function expectLiveReadings(rec: Recorder, spo2: number, pulse: number): void {
  const measured = rec.measurements();
  expect(measured.map((m) => [m.loinc, m.value, m.unit])).toEqual(
    measured.map((_, i) => (i % 2 === 0 ? ['59408-5', spo2, '%'] : ['8867-4', pulse, '/min'])),
  );
}

/** Waveforms and gaps tile the sequence, and the pleth that arrived is what the device sent. */
export function expectPlethExact(rec: Recorder, device: Oximeter): void {
  expect(sequenceBreaks(rec.events)).toEqual([]);
  const received = rec.plethReceived();
  expect(received).toEqual(device.sentPleth.slice(0, received.length));
}

/**
 * Sends one corrupted frame (carrying `corrupt`) and then one truncated frame into a stream of
 * `live` readings, and closes the session. Neither yields a measurement: with every valid frame
 * measured (measurementIntervalMs 0), a bad one slipping through would show. Each is a gap.
 */
export async function expectBadFramesAsGaps(
  { device, session, rec }: { device: Oximeter; session: DeviceSession; rec: Recorder },
  live: StoredReading,
  corrupt: Partial<StoredReading>,
): Promise<void> {
  await rec.until(() => rec.measurements().length >= 10);
  device.corruptNextFrame(corrupt);
  await sleep(100);
  device.truncateNextFrame();
  await sleep(300);
  await session.close();
  expect(rec.measurements().filter((m) => m.value !== live.spo2 && m.value !== live.pulse)).toEqual([]);
  expect(rec.events.flatMap((e) => (e.type === 'gap' ? [e.count] : []))).toEqual([1, 1]);
  expectPlethExact(rec, device);
}

/** Every downloaded reading is marked stored, and they are these [unit, value] pairs in order. */
export function expectStored(downloaded: readonly Measurement[], expected: readonly [string, number][]): void {
  expect(downloaded.every((m) => m.stored === true)).toBe(true);
  expect(downloaded.map((m) => [m.unit, m.value])).toEqual(expected);
}

/** The live pleth goes on after a download, in unbroken sequence. */
export async function expectLiveResumes(rec: Recorder): Promise<void> {
  const samplesAfter = rec.plethReceived().length;
  await rec.until(() => rec.plethReceived().length > samplesAfter + 30, 3_000, 'live data after download');
  expect(sequenceBreaks(rec.events)).toEqual([]);
}

/** Pulls the cable mid-stream: the session reports it as one disconnected error and status. */
export async function unplugMidStream(rec: Recorder, rig: PtyRig): Promise<void> {
  await rec.until(() => rec.waveforms().length > 0);
  await rig.pair.unplug();
  await rec.until((es) => es.some((e) => e.type === 'status' && e.state === 'disconnected'), 5_000, 'disconnect');
  expect(rec.events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.kind)).toEqual([
    'disconnected',
  ]);
}
