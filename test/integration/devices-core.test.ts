import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceInfo, LiveEvent, PendingReading } from '../../contract/devices/devices-domain.js';
import { DEMO_DOCTOR_ID, startCore } from '../../main/core.js';
import type { Core } from '../../main/core.js';
import { DEMO_HID, DEMO_SERIAL } from '../../main/devices/demo-devices.js';
import { DeviceSimulatorRig } from '../../main/devices/simulator-rig.js';
import { createLogger } from '../../main/logger.js';

/** The device calls through a running core with simulators on socat pty pairs. */
const PIN = '8642';
let dir: string;
let core: Core;
let events: LiveEvent[];
let unsubscribe: () => void;

const call = async <T>(channel: string, input: unknown): Promise<T> => {
  const result = await core.dispatcher.call(channel, input, { via: 'internal' });
  if (!result.ok) throw Object.assign(new Error(result.error.code), { code: result.error.code });
  return result.value as T;
};
const until = async <T>(find: () => T | undefined, what: string, ms = 5_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};
const deviceState = (driver: string) => (): DeviceInfo['state'] | undefined => {
  const last = events.filter((e) => e.type === 'devices').at(-1);
  return last?.type === 'devices' ? last.devices.find((d) => d.driver === driver)?.state : undefined;
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-devices-core-'));
  core = await startCore({
    dataDir: dir,
    hubUrl: null,
    mode: 'browser',
    appVersion: 'test',
    logger: createLogger('test', process.env.DEVICES_TEST_LOG ? 'debug' : 'silent'),
    demoDoctorPin: PIN,
    drivers: [...DEMO_SERIAL.map((s) => s.driver), ...DEMO_HID.map((s) => s.driver)],
    simulators: () => DeviceSimulatorRig.create(DEMO_SERIAL, DEMO_HID),
  });
  await call('auth.signIn', { userId: DEMO_DOCTOR_ID, pin: PIN });
  events = [];
  const subscribed = core.dispatcher.subscribe(
    'devices.live',
    {},
    (e) => {
      const event = e as LiveEvent;
      events.push(event);
      // A screen that keeps up: acknowledge at once.
      const feed = events.find((x) => x.type === 'hello');
      if (feed?.type === 'hello' && 'n' in event) void call('devices.ack', { feed: feed.feed, n: event.n });
    },
    { via: 'internal' },
  );
  if (!subscribed.ok) throw new Error(subscribed.error.code);
  unsubscribe = subscribed.value;
});
afterEach(async () => {
  unsubscribe();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('devices through the core', () => {
  it('a weighing on the scale arrives as a pending reading and is confirmed into the visit with its device', async () => {
    await until(() => (deviceState('tanita-sc240')() === 'connected' ? true : undefined), 'the scale');
    const { id: patientId } = await call<{ id: string }>('patients.register', {
      patient: {
        name: '王秀兰',
        sex: 'female',
        birthDate: '1961-04-05',
        village: '东风村',
        consent: { telemedicine: true, shareWithHub: true },
      },
    });
    const { id: visitId } = await call<{ id: string }>('visits.open', { patientId, reason: 'illness' });
    await call('devices.simulate', { device: 'scale', action: 'step-on' });
    const reading = await until(
      () => events.flatMap((e) => (e.type === 'reading' && e.reading.kind === 'weight' ? [e.reading] : [])).at(-1),
      'the weight',
    );
    expect(reading).toMatchObject({ value: 62.4, unit: 'kg', device: expect.stringContaining('Tanita') });
    const fromScale = (all: PendingReading[]) => all.filter((p) => p.device.includes('Tanita'));
    const pending = fromScale(await call<PendingReading[]>('devices.pending', {}));
    expect(pending.map((p) => p.kind).sort()).toEqual(['bmi', 'weight']);
    const { observationIds } = await call<{ observationIds: string[] }>('devices.confirm', {
      visitId,
      readingIds: pending.map((p) => p.id),
    });
    expect(observationIds).toHaveLength(2);
    const visit = await call<{ vitals: { kind: string; value: number }[] }>('visits.get', { id: visitId });
    expect(visit.vitals.map((v) => [v.kind, v.value]).sort()).toEqual([
      ['bmi', 24.9],
      ['weight', 62.4],
    ]);
    // Confirmed readings leave the pending list; confirming again is refused, nothing doubled.
    expect(fromScale(await call<PendingReading[]>('devices.pending', {}))).toEqual([]);
    await expect(call('devices.confirm', { visitId, readingIds: [reading.id] })).rejects.toMatchObject({
      code: 'reading_gone',
    });
  });

  it('the oximeter streams pleth and live SpO2/pulse, flags a low SpO2, and reports a finger taken out', async () => {
    const spo2 = await until(
      () => events.flatMap((e) => (e.type === 'reading' && e.reading.kind === 'spo2' ? [e.reading] : [])).at(-1),
      'live SpO2',
    );
    expect(spo2).toMatchObject({ value: 93, unit: '%', loinc: '59408-5', interpretation: 'L', stored: false });
    const waves = await until(() => {
      const w = events.filter((e) => e.type === 'waveform' && e.channels[0] === 'pleth');
      return w.length >= 5 ? w : undefined;
    }, 'pleth batches');
    expect(waves[0]).toMatchObject({ channels: ['pleth'], sampleRate: 60 });
    // Contiguous: each batch starts where the previous one ended.
    for (let i = 1; i < waves.length; i++) {
      const [a, b] = [waves[i - 1], waves[i]];
      if (a?.type === 'waveform' && b?.type === 'waveform') expect(b.seq).toBe(a.seq + (a.samples[0]?.length ?? 0));
    }
    // Live values replace each other: one pending SpO2 however long the finger stays in.
    await new Promise((r) => setTimeout(r, 1_200));
    const pending = await call<PendingReading[]>('devices.pending', {});
    expect(pending.filter((p) => p.kind === 'spo2')).toHaveLength(1);

    await call('devices.simulate', { device: 'oximeter', action: 'finger-out' });
    await until(() => (deviceState('contec-cms50e')() === 'no-signal' ? true : undefined), 'finger out');
    const last = events.filter((e) => e.type === 'devices').at(-1);
    expect(last?.type === 'devices' && last.devices.find((d) => d.driver === 'contec-cms50e')?.reason).toBe(
      'finger_out',
    );
  });

  it('downloads the BP cuff and glucometer memories once each, flagged, and never offers a confirmed reading again', async () => {
    const cuffKey = await until(() => {
      const last = events.filter((e) => e.type === 'devices').at(-1);
      return last?.type === 'devices' ? last.devices.find((d) => d.driver === 'omron-hem')?.key : undefined;
    }, 'the cuff');
    // Two readings, each a BP panel and a heart rate.
    expect(await call('devices.download', { deviceKey: cuffKey })).toEqual({ readings: 4 });
    // The unit switches itself off after a download (END), as libomron's notes say: asking
    // again is a clear device error. Switched on again (replugged), it offers nothing new.
    await expect(call('devices.download', { deviceKey: cuffKey })).rejects.toMatchObject({ code: 'device_error' });
    const cycle = async () => {
      await call('devices.simulate', { device: 'bp-cuff', action: 'unplug' });
      await call('devices.simulate', { device: 'bp-cuff', action: 'replug' });
    };
    await cycle();
    expect(await call('devices.download', { deviceKey: cuffKey })).toEqual({ readings: 0 });
    const bp = (await call<PendingReading[]>('devices.pending', {})).filter((p) => p.kind === 'bloodPressure');
    expect(bp.map((p) => [p.value, p.components?.[1]?.value, p.interpretation, p.stored])).toEqual([
      [158, 96, 'H', true],
      [149, 92, 'H', true],
    ]);
    const glucometerKey = (await call<DeviceInfo[]>('devices.list', {})).find((d) => d.driver === 'contour-usb')?.key;
    expect(await call('devices.download', { deviceKey: glucometerKey })).toEqual({ readings: 2 });
    const glucose = (await call<PendingReading[]>('devices.pending', {})).filter((p) => p.kind === 'glucose');
    expect(glucose.map((p) => [p.value, p.unit, p.loinc]).sort()).toEqual([
      [11.6, 'mmol/L', '15074-8'],
      [7.9, 'mmol/L', '15074-8'],
    ]);

    const { id: patientId } = await call<{ id: string }>('patients.register', {
      patient: {
        name: '陈桂英',
        sex: 'female',
        birthDate: '1955-09-09',
        village: '东风村',
        consent: { telemedicine: true, shareWithHub: true },
      },
    });
    const { id: visitId } = await call<{ id: string }>('visits.open', { patientId, reason: 'chronic_follow_up' });
    await call('devices.confirm', { visitId, readingIds: [bp[0]!.id] });
    await cycle();
    expect(await call('devices.download', { deviceKey: cuffKey })).toEqual({ readings: 0 });
    const left = (await call<PendingReading[]>('devices.pending', {})).filter((p) => p.kind === 'bloodPressure');
    expect(left.map((p) => p.value)).toEqual([149]);
  });

  it('records a 10-second ECG strip from the live stream into the visit; lost packets are kept as gaps', async () => {
    const ecgKey = await until(() => {
      const last = events.filter((e) => e.type === 'devices').at(-1);
      const ecg = last?.type === 'devices' ? last.devices.find((d) => d.category === 'ecg') : undefined;
      return ecg?.state === 'measuring' ? ecg.key : undefined;
    }, 'the ECG streaming');
    const { id: patientId } = await call<{ id: string }>('patients.register', {
      patient: {
        name: '刘建国',
        sex: 'male',
        birthDate: '1949-11-11',
        village: '南岭村',
        consent: { telemedicine: true, shareWithHub: true },
      },
    });
    const { id: visitId } = await call<{ id: string }>('visits.open', { patientId, reason: 'illness' });
    const recording = call<{ observationId: string; seconds: number; missingSamples: number }>('devices.recordEcg', {
      visitId,
      deviceKey: ecgKey,
      seconds: 10,
    });
    await new Promise((r) => setTimeout(r, 2_000));
    await call('devices.simulate', { device: 'ecg', action: 'drop-packets' });
    const strip = await recording;
    expect(strip.seconds).toBe(10);
    expect(strip.missingSamples).toBe(25);
    const bundle = await call<{ entry: { resource: Record<string, unknown> }[] }>('patients.exportFhir', {
      id: patientId,
    });
    const ecg = bundle.entry.find((e) => e.resource['id'] === strip.observationId)?.resource as {
      code: { coding: { code: string }[] };
      component: { code: { text: string }; valueSampledData: { data: string; period: number } }[];
    };
    expect(ecg.code.coding[0]?.code).toBe('11524-6');
    expect(ecg.component.map((c) => c.code.text)).toEqual([
      'I',
      'II',
      'III',
      'aVR',
      'aVL',
      'aVF',
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
    ]);
    const lead2 = ecg.component[1]!.valueSampledData;
    expect(lead2.period).toBe(4);
    const values = lead2.data.split(' ');
    expect(values).toHaveLength(2500);
    expect(values.filter((v) => v === 'E')).toHaveLength(25);
  }, 30_000);

  it('a card laid on the reader reaches the screen (without its photo)', async () => {
    await until(() => (deviceState('id-card-sam')() === 'no-signal' ? true : undefined), 'the reader');
    await call('devices.simulate', { device: 'id-card', action: 'place-card' });
    const card = await until(() => events.find((e) => e.type === 'id-card'), 'the card');
    expect(card).toMatchObject({ card: { name: '张三', sex: 'male', ethnicity: '汉', birthDate: '1980-01-15' } });
    expect(JSON.stringify(card)).not.toContain('photo');
  });

  it('a pulled cable shows disconnected; plugged back, the device reconnects by itself', async () => {
    await until(() => (deviceState('tanita-sc240')() === 'connected' ? true : undefined), 'the scale');
    await call('devices.simulate', { device: 'scale', action: 'unplug' });
    await until(() => (deviceState('tanita-sc240')() === 'disconnected' ? true : undefined), 'disconnected');
    await call('devices.simulate', { device: 'scale', action: 'replug' });
    await until(() => (deviceState('tanita-sc240')() === 'connected' ? true : undefined), 'reconnected');
    await call('devices.simulate', { device: 'scale', action: 'step-on' });
    await until(() => events.find((e) => e.type === 'reading' && e.reading.kind === 'weight'), 'a weight after replug');
  });

  it('refuses device calls without a signed-in doctor and simulator calls on unknown devices', async () => {
    await call('auth.lock', {});
    await expect(call('devices.pending', {})).rejects.toMatchObject({ code: 'locked' });
    await call('auth.unlock', { pin: PIN });
    await expect(call('devices.simulate', { device: 'toaster', action: 'measure' })).rejects.toMatchObject({
      code: 'device_unavailable',
    });
  });
});
