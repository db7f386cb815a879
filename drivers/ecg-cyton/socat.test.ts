import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceSession } from '../core/driver.js';
import type { DriverEvent } from '../core/events.js';
import type { ByteTransport } from '../core/transport.js';
import { openSerial } from '../transport/serial.js';
import { openPtyPair } from '../transport/socat-pair.js';
import type { PtyPair } from '../transport/socat-pair.js';
import { cytonEcgDriver } from './driver.js';
import { twelveLeads } from './leads.js';
import { microvoltsPerCount } from './protocol.js';
import { loadRecording } from './recordings.js';
import { CytonSimulator } from './simulator.js';
import { ecgData } from './test-data.js';
import { coverage, gaps, samplesBySeq, statuses, until } from './test-helpers.js';

/**
 * The real serialport stack on both ends of a socat pseudo-terminal pair, the simulator
 * playing PTB record s0010_re (or the synthetic model, with the reason printed, when the data
 * folder is not beside the repository) at 500 samples/s.
 */
const driver = cytonEcgDriver({ sampleRate: 500 });
const scale = microvoltsPerCount(24);
const played = new Set<string>();

let dir: string;
let pair: PtyPair;
let device: ByteTransport;
let sim: CytonSimulator;
let session: DeviceSession;
let events: DriverEvent[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cunyi-ecg-'));
  pair = await openPtyPair(join(dir, 'station'), join(dir, 'device'));
  device = await openSerial(pair.devicePath, driver.serial);
  sim = new CytonSimulator(device, {
    recording: (rate) => {
      const { recording, reason } = loadRecording('ptbdb', rate, ecgData);
      if (!played.has(reason)) console.log(`ECG simulator plays ${reason}`);
      played.add(reason);
      return recording;
    },
  });
  session = driver.open(await openSerial(pair.stationPath, driver.serial));
  events = [];
  session.on((e) => events.push(e));
});

afterEach(async () => {
  sim.stop();
  await session.close();
  await device.close();
  await pair.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('Cyton ECG over a socat pseudo-terminal pair at 500 samples/s', () => {
  it('receives every sample of 5 s, exactly, with no gap; stop reaches the board', async () => {
    await session.start();
    await until(() => sim.position >= 2_500, 10_000, '5 s of streaming');
    sim.stop();
    await until(() => samplesBySeq(events).size === sim.sent, 2_000, 'every packet sent received');
    expect(sim.lost).toEqual([]);
    expect(gaps(events)).toEqual([]);
    const samples = samplesBySeq(events);
    expect(coverage(events)).toEqual({ end: sim.sent, holes: [] });
    for (const [seq, values] of samples) expect(values).toEqual(twelveLeads(sim.counts(seq), scale));
    await session.close();
    await until(() => sim.received.join('') === 'v~5bs', 2_000, 'the board to receive v ~5 b s');
  });

  it('reports the packets the simulator dropped, corrupted or cut short as gaps, exactly', async () => {
    sim.dropPackets(10, 250); // across the counter wrap at 256
    sim.dropPackets(3, 1020); // and the one at 1024
    sim.corruptPacket('footer', 1200);
    sim.truncatePacket(11, 1500);
    sim.dropPackets(1, 1790);
    await session.start();
    await until(() => sim.position >= 2_000, 10_000, '4 s of streaming');
    sim.stop();
    await until(() => coverage(events).end === sim.position, 2_000, 'the stream to drain');
    expect(gaps(events).map(({ seq, count }) => ({ seq, count }))).toEqual(
      sim.lost.map(({ at, count }) => ({ seq: at, count })),
    );
    expect(gaps(events)).toHaveLength(5);
    expect(coverage(events).holes).toEqual([]);
    for (const [seq, values] of samplesBySeq(events)) expect(values).toEqual(twelveLeads(sim.counts(seq), scale));
  });

  it('a pulled cable (socat killed) gives a disconnected status and throws nothing', async () => {
    await session.start();
    await until(() => samplesBySeq(events).size > 100);
    await pair.unplug();
    await until(() => statuses(events).some((s) => s.state === 'disconnected'));
    expect(statuses(events).at(-1)).toEqual({ type: 'status', state: 'disconnected', reason: 'link_lost' });
    await expect(session.close()).resolves.toBeUndefined();
  });
});
