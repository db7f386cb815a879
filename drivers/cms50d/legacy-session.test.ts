import { describe, expect, test } from 'vitest';
import { identityOf } from '../core/driver.js';
import { LEGACY_SERIAL, cms50dLegacy } from './index.js';
import { LegacySession } from './legacy-session.js';
import type { SessionOptions } from './session-base.js';
import { recordEvents, sleep, usePtyRigs } from './pty-rig.js';
import {
  expectBadFramesAsGaps,
  expectLiveReadings,
  expectLiveResumes,
  expectPlethExact,
  expectStored,
  unplugMidStream,
} from './session-checks.js';
import { LegacySimulator } from './simulator.js';
import type { SimulatorOptions } from './simulator.js';

const openRig = usePtyRigs();

/** A legacy CMS50D+ simulator and a session on the two ends of a socat pty pair. */
async function setup(sim: SimulatorOptions = {}, options: SessionOptions = {}) {
  const rig = await openRig(LEGACY_SERIAL);
  const device = new LegacySimulator(rig.device, sim);
  const session = new LegacySession(identityOf(cms50dLegacy, rig.station.path), rig.station, options);
  const rec = recordEvents(session);
  await session.start();
  device.powerOn();
  return { device, session, rec, rig };
}

describe('legacy CMS50D+ over a pseudo-terminal', () => {
  test('live SpO2 and pulse arrive as sent, at most once a second; pleth is contiguous and exact', async () => {
    const { device, session, rec } = await setup({ spo2: 96, pulse: 77 });
    await rec.until(() => rec.measurements().length >= 4, 5_000, 'two seconds of measurements');
    await session.close();
    expectLiveReadings(rec, 96, 77);
    const times = rec
      .measurements()
      .filter((m) => m.unit === '%')
      .map((m) => Date.parse(m.time));
    times.slice(1).forEach((t, i) => expect(t - (times[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    expect(rec.waveforms().every((w) => w.sampleRate === 60 && w.unit === '1' && w.channels[0] === 'pleth')).toBe(true);
    expect(rec.events.some((e) => e.type === 'gap')).toBe(false);
    expect(rec.plethReceived().length).toBeGreaterThan(60);
    expectPlethExact(rec, device);
    expect(rec.events.find((e) => e.type === 'status')).toEqual({ type: 'status', state: 'connected' });
  });

  test('finger out gives its status and stops measurements; a probe error is an error event', async () => {
    const { device, rec } = await setup();
    await rec.until(() => rec.measurements().length > 0);
    device.fingerOut();
    await rec.until((es) => es.some((e) => e.type === 'status' && e.reason === 'finger_out'));
    const measuredBefore = rec.measurements().length;
    await sleep(1_200);
    expect(rec.measurements()).toHaveLength(measuredBefore);
    device.fingerOut(false);
    device.probeError();
    await rec.until((es) => es.some((e) => e.type === 'error'));
    expect(rec.events.filter((e) => e.type === 'error')).toEqual([
      { type: 'error', kind: 'device', code: 'oximeter.probe_error', message: 'the oximeter reports a probe error' },
    ]);
    expect(rec.events.filter((e) => e.type === 'status').at(-1)).toEqual({
      type: 'status',
      state: 'no-signal',
      reason: 'probe_error',
    });
  });

  test('a corrupted or truncated frame yields no measurement and shows as a gap', async () => {
    const live = { spo2: 97, pulse: 70 };
    const rigged = await setup(live, { measurementIntervalMs: 0 });
    await expectBadFramesAsGaps(rigged, live, { spo2: 71, pulse: 199 });
    expect(rigged.device.lost).toBe(2);
  });

  test('download returns exactly the stored records, then live data resumes', async () => {
    const stored = [
      { spo2: 97, pulse: 70 },
      { spo2: 96, pulse: 150 },
      { spo2: 127, pulse: 127 }, // a second with no reading
      { spo2: 95, pulse: 255 }, // pulse 255 is "no reading" in 8 bits; the SpO2 stands
      { spo2: 94, pulse: 128 },
    ];
    const { session, rec } = await setup({ stored });
    await rec.until(() => rec.waveforms().length > 0);
    const before = Date.now();
    const downloaded = await session.download();
    expectStored(downloaded, [
      ['%', 97],
      ['/min', 70],
      ['%', 96],
      ['/min', 150],
      ['%', 95],
      ['%', 94],
      ['/min', 128],
    ]);
    // No device clock: the last stored second is one second before the download began.
    expect(Date.parse(downloaded.at(-1)?.time ?? '')).toBeLessThanOrEqual(before);
    await expectLiveResumes(rec);
  });

  test('pulling the cable gives a disconnected status and error, and nothing throws', async () => {
    const { session, rec, rig } = await setup();
    await unplugMidStream(rec, rig);
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected' });
    await session.close();
    expect(rec.events.filter((e) => e.type === 'status' && e.state === 'disconnected')).toHaveLength(1);
  });
});
