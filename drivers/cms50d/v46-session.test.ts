import { describe, expect, test } from 'vitest';
import { identityOf } from '../core/driver.js';
import { V46_SERIAL, cms50e } from './index.js';
import { recordEvents, sleep, usePtyRigs } from './pty-rig.js';
import {
  expectBadFramesAsGaps,
  expectLiveReadings,
  expectLiveResumes,
  expectPlethExact,
  expectStored,
  unplugMidStream,
} from './session-checks.js';
import { V46Simulator } from './simulator.js';
import type { V46SimulatorOptions } from './simulator.js';
import { V46_OP } from './v46-commands.js';
import { V46Session } from './v46-session.js';
import type { V46Options } from './v46-session.js';

const openRig = usePtyRigs();

/** A 4.6 simulator whose stream dies 700 ms after the last keep-alive, and a session. */
async function setup(sim: V46SimulatorOptions = {}, options: V46Options = {}) {
  const rig = await openRig(V46_SERIAL);
  const device = new V46Simulator(rig.device, { keepAliveTimeoutMs: 700, ...sim });
  const session = new V46Session(identityOf(cms50e, rig.station.path), rig.station, { keepAliveMs: 200, ...options });
  const rec = recordEvents(session);
  await session.start();
  return { device, session, rec, rig };
}

describe('CMS50D+ 4.6 / CMS50E over a pseudo-terminal', () => {
  test('live SpO2 and pulse arrive as sent; keep-alives keep the stream going; pleth is exact', async () => {
    const { device, session, rec } = await setup({ spo2: 98, pulse: 64 });
    await rec.until(() => rec.measurements().length >= 4, 5_000, 'two seconds of measurements');
    await session.close();
    expectLiveReadings(rec, 98, 64);
    // Longer than the 700 ms the stream lives without keep-alives: they were sent on schedule.
    expect(device.received.filter((op) => op === V46_OP.keepAlive).length).toBeGreaterThanOrEqual(4);
    expect(device.received[0]).toBe(V46_OP.start);
    for (let i = 0; i < 100 && device.received.at(-1) !== V46_OP.stop; i++) await sleep(10);
    expect(device.received.at(-1)).toBe(V46_OP.stop); // closing says stop
    expect(rec.plethReceived().length).toBeGreaterThan(60);
    expectPlethExact(rec, device);
    expect(rec.waveforms().every((w) => w.sampleRate === 60 && w.unit === '1')).toBe(true);
  });

  test('without keep-alives the device stops streaming; the session restarts it', async () => {
    const { rec } = await setup({}, { keepAliveMs: 0, restartAfterMs: 0 });
    await sleep(1_300);
    const stalled = rec.plethReceived().length;
    expect(stalled).toBeGreaterThan(20);
    expect(stalled).toBeLessThan(65); // about 0.7 s of packets, then silence
    await sleep(400);
    expect(rec.plethReceived()).toHaveLength(stalled);

    const second = await setup({}, { keepAliveMs: 0, restartAfterMs: 400 });
    await sleep(1_800);
    expect(second.device.received.filter((op) => op === V46_OP.start).length).toBeGreaterThanOrEqual(2);
    expect(second.rec.plethReceived().length).toBeGreaterThan(70);
  });

  test('finger out gives its status and stops measurements', async () => {
    const { device, rec } = await setup();
    await rec.until(() => rec.measurements().length > 0);
    device.fingerOut();
    await rec.until((es) => es.some((e) => e.type === 'status' && e.reason === 'finger_out'));
    const measuredBefore = rec.measurements().length;
    await sleep(1_100);
    expect(rec.measurements()).toHaveLength(measuredBefore);
    device.fingerOut(false);
    await rec.until(() => rec.measurements().length > measuredBefore);
    expect(rec.events.filter((e) => e.type === 'status').at(-1)).toEqual({ type: 'status', state: 'measuring' });
  });

  test('a corrupted or truncated packet yields no measurement and shows as a gap', async () => {
    const live = { spo2: 97, pulse: 70 };
    await expectBadFramesAsGaps(await setup(live, { measurementIntervalMs: 0 }), live, { spo2: 71, pulse: 99 });
  });

  test('download returns exactly the stored records, then the live stream resumes', async () => {
    const stored = [
      { spo2: 97, pulse: 70 },
      { spo2: 96, pulse: 199 }, // above 127: carried by a flag bit
      { spo2: 0, pulse: 0 }, // nothing recognised that second
      { spo2: 95, pulse: 128 },
    ];
    const { session, rec } = await setup({ stored }, { downloadIdleMs: 300 });
    await rec.until(() => rec.waveforms().length > 0);
    const downloaded = await session.download();
    expectStored(downloaded, [
      ['%', 97],
      ['/min', 70],
      ['%', 96],
      ['/min', 199],
      ['%', 95],
      ['/min', 128],
    ]);
    await expectLiveResumes(rec);
  });

  test('pulling the cable gives a disconnected status and error, and nothing throws', async () => {
    const { session, rec, rig } = await setup();
    await unplugMidStream(rec, rig);
    await sleep(500); // keep-alive and restart timers must have stopped quietly
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected' });
    await session.close();
  });
});
