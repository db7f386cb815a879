import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectEvents } from '../../test/support/session-events.js';
import { identityOf } from '../core/driver.js';
import { recording } from '../transport/replay.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { contourUsb } from './driver.js';
import { FIXTURE_CASES, MG_DL_RESULTS, annotate, recordCase } from './fixture-cases.js';
import { ContourSession } from './session.js';
import type { ContourSessionOptions } from './session.js';
import { ContourSimulator, HEADER_MMOL_L } from './simulator.js';
import type { ContourSimulatorOptions, StoredGlucose } from './simulator.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../test/fixtures/hid/contour-usb-${name}.txt`, import.meta.url), 'utf8');

function connect(model: HidDeviceModel, options: ContourSessionOptions = {}) {
  const hid = new SimulatedHid(model, 'sim-contour');
  const session = new ContourSession(hid, identityOf(contourUsb, hid.path), { reportTimeoutMs: 100, ...options });
  return { hid, session, ...collectEvents(session) };
}

const simulate = (options: ContourSimulatorOptions, session: ContourSessionOptions = {}) => {
  const meter = new ContourSimulator(options);
  return { meter, ...connect(meter, session) };
};

const stamp = fc
  .record({
    y: fc.integer({ min: 2005, max: 2030 }),
    mo: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
  })
  .map(({ y, mo, d, h, mi }) => [y, mo, d, h, mi].map((n, i) => String(n).padStart(i === 0 ? 4 : 2, '0')).join(''));

const mgDl: fc.Arbitrary<StoredGlucose> = fc.record({
  value: fc.integer({ min: 10, max: 600 }).map(String),
  unit: fc.constant('mg/dL' as const),
  time: stamp,
  markers: fc.constantFrom('', 'B', 'A', 'B/X', 'A/Z4', 'D/I/S'),
});

describe('Contour simulator: byte-exact', () => {
  it.each(FIXTURE_CASES.map((c) => [c.name, c] as const))(
    'still produces the checked-in transcript contour-usb-%s.txt',
    async (_name, fixtureCase) => {
      const steps = await recordCase(fixtureCase);
      expect(annotate(fixtureCase, steps)).toBe(fixture(fixtureCase.name));
    },
  );
});

describe('Contour simulator: downloads', () => {
  it('downloads N readings, frame numbers wrapping 7 → 0 several times, values untouched', async () => {
    const stored = fc.sample(mgDl, { numRuns: 40, seed: 11 });
    const { session, meter, errors } = simulate({ results: stored });
    await session.start();
    const readings = await session.download();
    expect(errors()).toEqual([]);
    expect(readings.map((m) => m.value)).toEqual(stored.map((r) => Number(r.value)));
    expect(readings.map((m) => m.time.slice(0, 16).replace(/\D/g, ''))).toEqual(stored.map((r) => r.time));
    expect(meter.log.filter((l) => l === 'ACK')).toHaveLength(stored.length + 4);
  });

  it('runs one download at a time: a second call waits for the first to finish', async () => {
    const hid = new SimulatedHid(new ContourSimulator({ results: MG_DL_RESULTS }), 'sim-contour');
    const { transport, steps } = recording(hid);
    const session = new ContourSession(transport, identityOf(contourUsb, hid.path), { reportTimeoutMs: 20 });
    const [first, second] = await Promise.allSettled([session.download(), session.download()]);
    expect(first.status === 'fulfilled' && first.value).toHaveLength(3);
    // The meter has ended its transfer and no longer answers; what matters is that the second
    // download's EOT came only after the first download's last exchange.
    expect(second).toMatchObject({ status: 'rejected', reason: { kind: 'timeout' } });
    const lastReply = steps.map((step) => step.dir).lastIndexOf('<=');
    const eots = steps.flatMap((step, i) => (step.dir === '=>' && step.bytes[4] === 0x04 ? [i] : []));
    expect(eots).toHaveLength(2);
    expect(eots[1]).toBeGreaterThan(lastReply);
  });

  it('an mmol/L meter gives mmol/L readings', async () => {
    const results: StoredGlucose[] = [{ value: '5.6', unit: 'mmol/L', time: '202401020304', markers: 'B' }];
    const { session } = simulate({ results, header: HEADER_MMOL_L });
    expect(await session.download()).toMatchObject([{ loinc: '15074-8', value: 5.6, unit: 'mmol/L' }]);
  });

  it('is a HID driver for 1A79:6002 whose identity gains the serial from the header', async () => {
    expect(contourUsb).toMatchObject({ id: 'contour-usb', link: 'hid', category: 'glucometer' });
    expect(contourUsb.usb).toEqual([{ vendorId: 0x1a79, productId: 0x6002 }]);
    const session = contourUsb.open(new SimulatedHid(new ContourSimulator({ results: MG_DL_RESULTS }), '/dev/hidraw5'));
    expect(session.identity).toEqual({
      driver: 'contour-usb',
      manufacturer: 'Ascensia (Bayer)',
      model: 'Contour USB',
      port: '/dev/hidraw5',
    });
    await session.download?.();
    expect(session.identity).toMatchObject({ serialNumber: '7390-2336773', port: '/dev/hidraw5' });
  });
});

describe('Contour simulator: faults', () => {
  it('a meter that NAKs the first EOTs is asked again; one that never stops is given up on', async () => {
    const busy = simulate({ results: MG_DL_RESULTS, faults: { busy: 2 } });
    expect(await busy.session.download()).toHaveLength(3);
    expect(busy.meter.log.slice(0, 3)).toEqual(['EOT', 'EOT', 'EOT']);
    const refusing = simulate({ results: MG_DL_RESULTS, faults: { busy: 99 } });
    await expect(refusing.session.download()).rejects.toMatchObject({ kind: 'device', code: 'glucose.busy' });
  });

  it('a header the meter cannot get across: checksum error, no readings, download resolves', async () => {
    const { session, errors } = simulate({ results: MG_DL_RESULTS, faults: { badChecksum: { frame: 0, times: 6 } } });
    expect(await session.download()).toEqual([]);
    expect(errors().map((e) => [e.kind, e.code])).toEqual([['checksum', 'glucose.transfer_incomplete']]);
  });

  it('a frame bad five times and intact the sixth is still read, once', async () => {
    const { session, errors } = simulate({ results: MG_DL_RESULTS, faults: { badChecksum: { frame: 3, times: 5 } } });
    expect((await session.download()).map((m) => m.value)).toEqual([133, 162, 97]);
    expect(errors()).toEqual([]);
  });

  it('a repeat of the frame just acknowledged (its ACK lost) is acknowledged, not read twice', async () => {
    const meter = new ContourSimulator({ results: MG_DL_RESULTS });
    let acks = 0;
    // Turns the ACK after the first result into a NAK on its way to the meter, so the meter
    // sends that frame again although the driver has already read it.
    const model: HidDeviceModel = {
      onFeature: () => [],
      onOutput: (report) => {
        const isAck = report[4] === 0x06;
        if (isAck && ++acks === 4) return meter.onOutput(Uint8Array.from([...report.subarray(0, 4), 0x15]));
        return meter.onOutput(report);
      },
    };
    const { session, errors } = connect(model);
    expect((await session.download()).map((m) => m.value)).toEqual([133, 162, 97]);
    expect(errors()).toEqual([]);
  });

  it('unplugged mid-download: readings already in were emitted, download rejects disconnected', async () => {
    const { hid, session, events, measurements } = simulate({ results: MG_DL_RESULTS });
    session.on((event) => {
      if (event.type === 'measurement' && measurements().length === 2) hid.unplug();
    });
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected' });
    expect(measurements().map((m) => m.value)).toEqual([133, 162]);
    expect(events.filter((e) => e.type !== 'measurement')).toEqual([
      expect.objectContaining({ type: 'error', kind: 'disconnected' }),
      { type: 'status', state: 'disconnected' },
    ]);
  });

  it('a meter that stops answering times the download out', async () => {
    const meter = new ContourSimulator({ results: MG_DL_RESULTS });
    let writes = 0;
    const model: HidDeviceModel = { onFeature: () => [], onOutput: (r) => (++writes > 3 ? [] : meter.onOutput(r)) };
    const { session, errors } = connect(model, { reportTimeoutMs: 20 });
    await expect(session.download()).rejects.toMatchObject({ kind: 'timeout' });
    expect(errors().map((e) => e.kind)).toEqual(['timeout']);
  });

  it('closing the session mid-download stops it; closing twice is harmless', async () => {
    const { session, measurements } = simulate({ results: MG_DL_RESULTS });
    session.on((event) => {
      if (event.type === 'measurement') void session.close();
    });
    await expect(session.download()).rejects.toMatchObject({ kind: 'disconnected', code: 'glucose.closed' });
    expect(measurements()).toHaveLength(1);
    await expect(session.close()).resolves.toBeUndefined();
  });
});
