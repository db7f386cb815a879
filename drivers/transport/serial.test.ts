import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchPorts } from '../core/hotplug.js';
import type { AttachedPort } from '../core/registry.js';
import { bytePipe } from './byte-pipe.js';
import { listSerialPorts, openSerial } from './serial.js';
import { openPtyPair } from './socat-pair.js';
import type { PtyPair } from './socat-pair.js';
import { until } from '../../test/support/wait.js';

let dir: string;
let pair: PtyPair;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-serial-'));
  pair = await openPtyPair(join(dir, 'station'), join(dir, 'device'));
});
afterEach(async () => {
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

const collect = (onData: (l: (c: Uint8Array) => void) => void) => {
  const got: number[] = [];
  onData((c) => got.push(...c));
  return got;
};

describe('serial transport over a socat pseudo-terminal pair', () => {
  it('carries every byte value, in order, both ways, with odd parity set as a legacy oximeter wants', async () => {
    const station = await openSerial(pair.stationPath, { baudRate: 19200, parity: 'odd' });
    const device = await openSerial(pair.devicePath, { baudRate: 19200, parity: 'odd' });
    const atStation = collect((l) => station.onData(l));
    const atDevice = collect((l) => device.onData(l));
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff);
    await device.write(bytes);
    await station.write(Uint8Array.from([0xf5, 0xf5]));
    await until(() => atStation.length === 1000 && atDevice.length === 2);
    expect(atStation).toEqual(Array.from(bytes));
    expect(atDevice).toEqual([0xf5, 0xf5]);
    await station.close();
    await device.close();
  });

  it('a pulled cable closes the station side as disconnected; plugged back, it opens again', async () => {
    const station = await openSerial(pair.stationPath, { baudRate: 115200 });
    const closed: (Error | null)[] = [];
    station.onClose((e) => closed.push(e));
    await pair.unplug();
    await until(() => closed.length === 1);
    expect(closed[0]).toMatchObject({ name: 'DriverError', kind: 'disconnected' });
    const writeAfter = await station.write(Uint8Array.from([1])).catch((e: unknown) => e);
    expect(writeAfter).toMatchObject({ kind: 'disconnected' });

    const gone = await openSerial(pair.stationPath, { baudRate: 115200 }).catch((e: unknown) => e);
    expect(gone).toMatchObject({ kind: 'disconnected' });
    await pair.replug();
    const again = await openSerial(pair.stationPath, { baudRate: 115200 });
    await again.close();
  });

  it('a cable pulled right after opening, before any byte, is still noticed (and the read loop stops)', async () => {
    const station = await openSerial(pair.stationPath, { baudRate: 9600 });
    const closed: (Error | null)[] = [];
    station.onClose((e) => closed.push(e));
    await pair.unplug();
    const cpu = process.cpuUsage();
    await until(() => closed.length === 1, 2_000);
    expect(closed[0]).toMatchObject({ kind: 'disconnected' });
    await new Promise((r) => setTimeout(r, 300));
    const spent = process.cpuUsage(cpu);
    // A read loop spinning on a hung-up pty would burn most of a core over this time.
    expect((spent.user + spent.system) / 1000).toBeLessThan(500);
  });

  it('hot-plug polling sees an assigned port go away and come back', async () => {
    const seen: string[] = [];
    const watch = watchPorts(
      async () => (await listSerialPorts([pair.stationPath])).filter((p) => p.path === pair.stationPath),
      20,
      ({ added, removed }: { added: AttachedPort[]; removed: AttachedPort[] }) => {
        for (const p of added) seen.push(`+${p.path}`);
        for (const p of removed) seen.push(`-${p.path}`);
      },
    );
    try {
      await until(() => seen.length === 1);
      await pair.unplug();
      await until(() => seen.length === 2);
      await pair.replug();
      await until(() => seen.length === 3);
      expect(seen).toEqual([`+${pair.stationPath}`, `-${pair.stationPath}`, `+${pair.stationPath}`]);
    } finally {
      watch.stop();
    }
  });
});

describe('in-memory byte pipe', () => {
  it('delivers writes to the other end and closes both ends when unplugged', async () => {
    const { station, device, unplug } = bytePipe();
    const got = collect((l) => station.onData(l));
    const closed: string[] = [];
    station.onClose(() => closed.push('station'));
    device.onClose(() => closed.push('device'));
    await device.write(Uint8Array.from([1, 2, 3]));
    await until(() => got.length === 3);
    unplug();
    expect(closed.sort()).toEqual(['device', 'station']);
    await expect(station.write(Uint8Array.from([4]))).rejects.toMatchObject({ kind: 'disconnected' });
  });
});
