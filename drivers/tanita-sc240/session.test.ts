import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../core/driver.js';
import type { DriverEvent, Measurement } from '../core/events.js';
import { openSerial } from '../transport/serial.js';
import { openPtyPair } from '../transport/socat-pair.js';
import type { PtyPair } from '../transport/socat-pair.js';
import { pause, until } from '../../test/support/wait.js';
import { tanitaSc240, tanitaSc240Driver } from './driver.js';
import { ScaleSimulator } from './simulator.js';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

let dir: string;
let pair: PtyPair;
let session: DeviceSession;
let scale: ScaleSimulator;
let events: DriverEvent[];
const measurements = () => events.filter((e): e is Measurement => e.type === 'measurement');
const errors = () => events.filter((e) => e.type === 'error');

const connect = async (driver = tanitaSc240) => {
  if (driver.link !== 'serial') throw new Error('serial driver expected');
  const device = await openSerial(pair.devicePath, driver.serial);
  scale = new ScaleSimulator(device);
  session = driver.open(await openSerial(pair.stationPath, driver.serial));
  events = [];
  session.on((e) => events.push(e));
  await session.start();
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-tanita-'));
  pair = await openPtyPair(join(dir, 'station'), join(dir, 'device'));
});
afterEach(async () => {
  await session.close();
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Tanita SC-240 over a socat pseudo-terminal pair', () => {
  it('a weighing arrives as weight, BMI and body fat, each exactly the value the scale printed', async () => {
    await connect();
    await scale.stepOn({ weightKg: '62.4', fatPercent: '20.1', bmi: '22.1' });
    await until(() => measurements().length === 3);
    const [weight, bmi, fat] = measurements();
    expect(weight).toMatchObject({ loinc: '29463-7', display: 'Body weight', value: 62.4, unit: 'kg' });
    expect(bmi).toMatchObject({ loinc: '39156-5', value: 22.1, unit: 'kg/m2' });
    expect(fat).toMatchObject({ loinc: '41982-0', value: 20.1, unit: '%' });
    expect(new Set(measurements().map((m) => m.time)).size).toBe(1);
    expect(events[0]).toEqual({ type: 'status', state: 'connected' });
    expect(errors()).toEqual([]);
  });

  it('honours a configured line speed', async () => {
    await connect(tanitaSc240Driver({ baudRate: 4800 }));
    await scale.stepOn({ weightKg: '80.15' });
    await until(() => measurements().length === 1);
    expect(measurements()[0]?.value).toBe(80.15);
  });

  it('garbage, then a valid line: exactly the valid reading, the garbage reported', async () => {
    await connect(tanitaSc240Driver({ staleLineMs: 100 }));
    await scale.sendGarbage(Uint8Array.from([0x8f, 0x00, 0xff, 0x57, 0x6b, 0x2c, 0x39, 0x39, 0x0d]));
    await pause(250);
    await scale.stepOn({ weightKg: '58.7', bmi: '21.0' });
    await until(() => measurements().length === 2);
    await pause(100);
    expect(measurements().map((m) => m.value)).toEqual([58.7, 21]);
    expect(errors()).toMatchObject([{ kind: 'protocol', code: 'scale.malformed_line' }]);
  });

  it('garbage that ends in CR LF is one dropped line; the next line reads', async () => {
    await connect();
    await scale.sendGarbage(ascii('\x01\x02Wk,zz\r\n'));
    await scale.stepOn({ weightKg: '45.0' });
    await until(() => measurements().length === 1);
    expect(measurements()[0]?.value).toBe(45);
    expect(errors()).toHaveLength(1);
  });

  it('a malformed line yields no measurement and an error', async () => {
    await connect();
    await scale.sendMalformed();
    await until(() => errors().length === 1);
    expect(measurements()).toEqual([]);
    expect(errors()[0]).toMatchObject({ type: 'error', kind: 'protocol', code: 'scale.malformed_line' });
  });

  it('a truncated line is abandoned; the next weighing reads alone', async () => {
    await connect(tanitaSc240Driver({ staleLineMs: 100 }));
    await scale.sendTruncated({ weightKg: '99.9', bmi: '30.0' });
    await pause(250);
    await scale.stepOn({ weightKg: '70.2' });
    await until(() => measurements().length === 1);
    await pause(100);
    expect(measurements().map((m) => m.value)).toEqual([70.2]);
    expect(errors()).toHaveLength(1);
  });

  it('a pulled cable: disconnected, nothing thrown, close still safe twice', async () => {
    await connect();
    // Let the port settle first: a pty hung up within milliseconds of opening is not reported
    // by the serialport stack (its read loop spins on EOF instead); see the README.
    await pause(100);
    await pair.unplug();
    await until(() => events.some((e) => e.type === 'status' && e.state === 'disconnected'));
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session.close()).resolves.toBeUndefined();
    expect(events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.state)).toEqual([
      'connected',
      'disconnected',
    ]);
  });
});
