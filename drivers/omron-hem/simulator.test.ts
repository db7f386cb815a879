import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '../../test/support/session-events.js';
import { formatTranscript, parseTranscript, recording } from '../transport/replay.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { identityOf } from '../core/driver.js';
import { omronHem } from './driver.js';
import { OmronSession } from './session.js';
import {
  CAPTURE_READING,
  CAPTURE_STALE_REPORT,
  FIXTURE_CASES,
  THREE_READINGS,
  annotate,
  recordCase,
} from './fixture-cases.js';
import type { OmronSessionOptions } from './session.js';
import { OmronSimulator } from './simulator.js';
import type { OmronSimulatorOptions, StoredBpReading } from './simulator.js';
import { storedReading } from './test-readings.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hid/omron-hem-${name}.txt`, import.meta.url), 'utf8');

function connect(model: HidDeviceModel, options: OmronSessionOptions = {}) {
  const hid = new SimulatedHid(model, 'sim-omron');
  const session = new OmronSession(hid, identityOf(omronHem, hid.path), { reportTimeoutMs: 100, ...options });
  return { hid, session, ...collectEvents(session) };
}

const simulate = (options: OmronSimulatorOptions, session: OmronSessionOptions = {}) => {
  const unit = new OmronSimulator(options);
  return { unit, ...connect(unit, session) };
};

describe('Omron simulator: byte-exact', () => {
  it('answers exactly as the unit in the vendor USB capture did', async () => {
    const steps = await recordCase({
      name: 'capture',
      about: [],
      simulator: {
        readings: [CAPTURE_READING],
        staleReport: CAPTURE_STALE_REPORT,
        faults: { clearNoise: 1 },
      },
    });
    expect(formatTranscript(steps)).toBe(formatTranscript(parseTranscript(fixture('capture'))));
  });

  it.each(FIXTURE_CASES.map((c) => [c.name, c] as const))(
    'still produces the checked-in transcript omron-hem-%s.txt',
    async (_name, fixtureCase) => {
      const steps = await recordCase(fixtureCase);
      expect(annotate(fixtureCase, steps)).toBe(fixture(fixtureCase.name));
    },
  );
});

describe('Omron simulator: downloads', () => {
  it('downloads N stored readings in the order they were taken, values untouched', async () => {
    const stored = fc.sample(storedReading, { numRuns: 60, seed: 7 });
    const { session, unit, errors } = simulate({ readings: stored });
    await session.start();
    const measurements = await session.download();
    expect(errors()).toEqual([]);
    expect(measurements).toHaveLength(120);
    const oldestFirst = [...stored].reverse();
    oldestFirst.forEach((r: StoredBpReading, i) => {
      const [panel, heartRate] = [measurements[2 * i], measurements[2 * i + 1]];
      expect(panel?.components?.map((c) => c.value)).toEqual([r.systolic, r.diastolic]);
      expect(heartRate?.value).toBe(r.pulse);
      expect(panel?.time.slice(0, 10)).toBe(
        `${r.year}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`,
      );
    });
    expect(unit.log.slice(0, 3)).toEqual(['mode 74bc', 'clear', 'GDC 0']);
    expect(unit.log.at(-1)).toBe('END');
  });

  it('reads the bank it is told to; an empty bank is an empty download', async () => {
    const { session, unit } = simulate({ readings: THREE_READINGS }, { bank: 1 });
    await expect(session.download()).resolves.toEqual([]);
    expect(unit.log).toContain('GDC 1');
  });

  it('is a HID driver for 0590:0028 that opens a session named after the port', () => {
    expect(omronHem).toMatchObject({ id: 'omron-hem', link: 'hid', category: 'blood-pressure' });
    expect(omronHem.usb).toEqual([{ vendorId: 0x0590, productId: 0x0028 }]);
    const session = omronHem.open(new SimulatedHid(new OmronSimulator({ readings: [] }), '/dev/hidraw3'));
    expect(session).toBeInstanceOf(OmronSession);
    expect(session.identity).toEqual({
      driver: 'omron-hem',
      manufacturer: 'Omron',
      model: 'HEM-790IT / HEM-7080IT / HEM-7301',
      port: '/dev/hidraw3',
    });
  });

  it('runs one download at a time: a second call waits for the first to finish', async () => {
    const hid = new SimulatedHid(new OmronSimulator({ readings: THREE_READINGS }), 'sim-omron');
    const { transport, steps } = recording(hid);
    const session = new OmronSession(transport, identityOf(omronHem, hid.path), { reportTimeoutMs: 20 });
    const [first, second] = await Promise.allSettled([session.download(), session.download()]);
    expect(first.status === 'fulfilled' && first.value).toHaveLength(6);
    // The unit switched itself off after the first download's END, so the second gets no answer;
    // what matters is that it began only after the first had ended.
    expect(second).toMatchObject({ status: 'rejected', reason: { kind: 'timeout' } });
    const features = steps.flatMap((step, i) => (step.dir === 'F>' ? [i] : []));
    const end = steps.findIndex((step) => step.bytes[1] === 0x45 && step.bytes[2] === 0x4e);
    expect(features).toHaveLength(2);
    expect(features[1]).toBeGreaterThan(end + 2);
  });

  it('says it is connected on start', async () => {
    const { session, events } = simulate({ readings: [] });
    await session.start();
    expect(events).toEqual([{ type: 'status', state: 'connected' }]);
  });
});

describe('Omron simulator: faults', () => {
  it('a bad checksum the unit corrects on the next ask costs nothing', async () => {
    const { session, errors } = simulate({ readings: THREE_READINGS, faults: { badChecksum: { 0: 2 } } });
    expect(await session.download()).toHaveLength(6);
    expect(errors()).toEqual([]);
  });

  it('a reading refused every time is reported as a device error and skipped', async () => {
    const { session, errors, measurements } = simulate({ readings: THREE_READINGS, faults: { refuse: { 0: 3 } } });
    expect(await session.download()).toHaveLength(4);
    expect(errors().map((e) => [e.kind, e.code])).toEqual([['device', 'bp.reading_skipped']]);
    expect(measurements().some((m) => m.time.startsWith('2008-04-21'))).toBe(false);
  });

  it('a record count refused once is asked again; refused every time fails the download', async () => {
    const once = simulate({ readings: THREE_READINGS, faults: { refuseCount: 1 } });
    expect(await once.session.download()).toHaveLength(6);
    const always = simulate({ readings: THREE_READINGS, faults: { refuseCount: 3 } });
    await expect(always.session.download()).rejects.toMatchObject({ kind: 'device', code: 'bp.count_failed' });
    expect(always.errors().map((e) => e.code)).toEqual(['bp.count_failed']);
  });

  it('clears again after a noise report, and gives up after three', async () => {
    const once = simulate({ readings: THREE_READINGS, faults: { clearNoise: 1 } });
    expect(await once.session.download()).toHaveLength(6);
    expect(once.unit.log.filter((l) => l === 'clear')).toHaveLength(2);
    const always = simulate({ readings: THREE_READINGS, faults: { clearNoise: 3 } });
    await expect(always.session.download()).rejects.toMatchObject({ kind: 'timeout', code: 'bp.clear_failed' });
  });

  it('a stored reading with an impossible date is reported and skipped', async () => {
    const bad = { ...CAPTURE_READING, month: 2, day: 30 };
    const { session, errors } = simulate({ readings: [bad, ...THREE_READINGS] });
    expect(await session.download()).toHaveLength(6);
    expect(errors().map((e) => [e.kind, e.code])).toEqual([['protocol', 'bp.bad_time']]);
  });

  it('unplugged mid-download: readings already in were emitted, download rejects disconnected', async () => {
    const { hid, session, events, measurements } = simulate({ readings: THREE_READINGS });
    session.on((event) => {
      if (event.type === 'measurement' && measurements().length === 4) hid.unplug();
    });
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected' });
    expect(measurements()).toHaveLength(4);
    expect(events.filter((e) => e.type !== 'measurement')).toEqual([
      expect.objectContaining({ type: 'error', kind: 'disconnected' }),
      { type: 'status', state: 'disconnected' },
    ]);
  });

  it('unplugged while waiting for an answer: the pending read fails as disconnected', async () => {
    const unit = new OmronSimulator({ readings: THREE_READINGS });
    // A unit that goes silent after the record count, then is unplugged.
    let silent = false;
    const model: HidDeviceModel = {
      onFeature: (r) => unit.onFeature(r),
      onOutput: (r) => {
        const answer = silent ? [] : unit.onOutput(r);
        if (unit.log.at(-1) === 'GDC 0') silent = true;
        return answer;
      },
    };
    const { hid, session } = connect(model, { reportTimeoutMs: 5_000 });
    const download = session.download();
    setTimeout(() => hid.unplug(), 20);
    await expect(download).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('closing the session mid-download stops it; closing twice is harmless', async () => {
    const { session, measurements } = simulate({ readings: THREE_READINGS });
    session.on((event) => {
      if (event.type === 'measurement') void session.close();
    });
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected', code: 'bp.closed' });
    expect(measurements()).toHaveLength(2);
    await expect(session.close()).resolves.toBeUndefined();
  });
});
