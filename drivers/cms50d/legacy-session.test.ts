import { afterEach, describe, expect, test } from 'vitest';
import { identityOf } from '../core/driver.js';
import { LEGACY_SERIAL, cms50dLegacy } from './index.js';
import { LegacySession } from './legacy-session.js';
import type { SessionOptions } from './session-base.js';
import { ptyRig, recordEvents, sequenceBreaks, sleep } from './pty-rig.js';
import type { PtyRig } from './pty-rig.js';
import { LegacySimulator } from './simulator.js';
import type { SimulatorOptions } from './simulator.js';

const rigs: PtyRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.cleanup();
});

/** A legacy CMS50D+ simulator and a session on the two ends of a socat pty pair. */
async function setup(sim: SimulatorOptions = {}, options: SessionOptions = {}) {
  const rig = await ptyRig(LEGACY_SERIAL);
  rigs.push(rig);
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
    const measured = rec.measurements();
    expect(measured.map((m) => [m.loinc, m.value, m.unit])).toEqual(
      measured.map((_, i) => (i % 2 === 0 ? ['59408-5', 96, '%'] : ['8867-4', 77, '/min'])),
    );
    const times = measured.filter((m) => m.unit === '%').map((m) => Date.parse(m.time));
    times.slice(1).forEach((t, i) => expect(t - (times[i] ?? 0)).toBeGreaterThanOrEqual(1000));
    expect(rec.waveforms().every((w) => w.sampleRate === 60 && w.unit === '1' && w.channels[0] === 'pleth')).toBe(true);
    expect(sequenceBreaks(rec.events)).toEqual([]);
    expect(rec.events.some((e) => e.type === 'gap')).toBe(false);
    const received = rec.plethReceived();
    expect(received.length).toBeGreaterThan(60);
    expect(received).toEqual(device.sentPleth.slice(0, received.length));
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
    // Every valid frame is measured here, so a bad frame slipping through would show.
    const { device, session, rec } = await setup({ spo2: 97, pulse: 70 }, { measurementIntervalMs: 0 });
    await rec.until(() => rec.measurements().length >= 10);
    device.corruptNextFrame({ spo2: 71, pulse: 199 });
    await sleep(100);
    device.truncateNextFrame();
    await sleep(300);
    await session.close();
    expect(rec.measurements().filter((m) => m.value !== 97 && m.value !== 70)).toEqual([]);
    expect(device.lost).toBe(2);
    const gaps = rec.events.flatMap((e) => (e.type === 'gap' ? [e.count] : []));
    expect(gaps).toEqual([1, 1]);
    expect(sequenceBreaks(rec.events)).toEqual([]);
    const received = rec.plethReceived();
    expect(received).toEqual(device.sentPleth.slice(0, received.length));
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
    expect(downloaded.every((m) => m.stored === true)).toBe(true);
    expect(downloaded.map((m) => [m.unit, m.value])).toEqual([
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
    const samplesAfter = rec.plethReceived().length;
    await rec.until(() => rec.plethReceived().length > samplesAfter + 30, 3_000, 'live data after download');
    expect(sequenceBreaks(rec.events)).toEqual([]);
  });

  test('pulling the cable gives a disconnected status and error, and nothing throws', async () => {
    const { session, rec, rig } = await setup();
    await rec.until(() => rec.waveforms().length > 0);
    await rig.pair.unplug();
    await rec.until((es) => es.some((e) => e.type === 'status' && e.state === 'disconnected'), 5_000, 'disconnect');
    expect(rec.events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.kind)).toEqual([
      'disconnected',
    ]);
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected' });
    await session.close();
    expect(rec.events.filter((e) => e.type === 'status' && e.state === 'disconnected')).toHaveLength(1);
  });
});
