import { describe, expect, it } from 'vitest';
import type { DriverEvent } from '../core/events.js';
import { bytePipe } from '../transport/byte-pipe.js';
import { cytonEcgDriver } from './driver.js';
import type { CytonDriverOptions } from './driver.js';
import { TWELVE_LEADS, twelveLeads } from './leads.js';
import { microvoltsPerCount } from './protocol.js';
import { CytonSimulator } from './simulator.js';
import type { CytonSimulatorOptions } from './simulator.js';
import { coverage, gaps, samplesBySeq, statuses, until, waveforms } from './test-helpers.js';

function rig(driver: CytonDriverOptions = {}, simulator: CytonSimulatorOptions = {}) {
  const pipe = bytePipe('ecg-station', 'ecg-device');
  const sim = new CytonSimulator(pipe.device, simulator);
  const session = cytonEcgDriver(driver).open(pipe.station);
  const events: DriverEvent[] = [];
  session.on((e) => events.push(e));
  return { pipe, sim, session, events };
}

const scale = microvoltsPerCount(24);

describe('Cyton ECG session (simulator over an in-memory pipe)', () => {
  it('resets, sets the rate, starts; every sample is the 12-lead view of what the board sent', async () => {
    const { sim, session, events } = rig();
    await session.start();
    expect(session.identity).toMatchObject({ driver: 'openbci-cyton-ecg', firmware: '3.1.1', port: 'ecg-station' });
    expect(statuses(events).map((s) => s.state)).toEqual(['connecting', 'connected', 'measuring']);
    await until(() => samplesBySeq(events).size >= 100);
    expect(sim.received.join('')).toBe('v~6b');
    await session.close();

    const batches = waveforms(events);
    expect(batches[0]).toMatchObject({ channels: TWELVE_LEADS, unit: 'uV', sampleRate: 250, seq: 0 });
    // 40 ms at 250 samples/s: full batches hold 10 samples.
    expect(batches.slice(0, -1).every((b) => b.samples[0]?.length === 10)).toBe(true);
    const samples = samplesBySeq(events);
    expect(gaps(events)).toEqual([]);
    expect(coverage(events).holes).toEqual([]);
    for (const [seq, values] of samples) expect(values).toEqual(twelveLeads(sim.counts(seq), scale));
    // Every lead sits on a grid of half a count, so a recording can keep it as integers exactly.
    expect(batches.every((b) => b.resolution === scale / 2)).toBe(true);
    for (const values of samples.values()) {
      for (const v of values) expect(Math.abs(v / (scale / 2) - Math.round(v / (scale / 2)))).toBeLessThan(1e-6);
    }
    // (That `s` reaches the board is checked over socat: this pipe drops writes still in flight on close.)
    expect(statuses(events).at(-1)).toEqual({ type: 'status', state: 'disconnected', reason: 'closed' });
    await session.close();
  });

  it('scales by the configured gain: at gain 8 a count is 3 × the µV it is at 24', async () => {
    const { sim, session, events } = rig({ gain: 8 }, { gain: 8 });
    await session.start();
    await until(() => samplesBySeq(events).size >= 20);
    await session.close();
    const at8 = microvoltsPerCount(8);
    expect(at8).toBe(3 * scale);
    for (const [seq, values] of samplesBySeq(events)) expect(values).toEqual(twelveLeads(sim.counts(seq), at8));
  });

  it('reports packets lost across a counter wrap as a gap, exactly, and never fills it', async () => {
    const { sim, session, events } = rig({ sampleRate: 500 });
    sim.dropPackets(10, 250); // counters 250–255 and 0–3
    sim.corruptPacket('footer', 600);
    sim.truncatePacket(20, 700);
    sim.corruptPacket('header', 777);
    sim.injectGarbage(Uint8Array.from([0x13, 0x37, 0xa0, 0xc0, 0xc1, 0x00, 0xff]), 800);
    await session.start();
    await until(() => samplesBySeq(events).size >= 900);
    expect(sim.received.join('')).toBe('v~5b');
    await session.close();

    expect(gaps(events).map(({ seq, count }) => ({ seq, count }))).toEqual([
      { seq: 250, count: 10 },
      { seq: 600, count: 1 },
      { seq: 700, count: 1 },
      { seq: 777, count: 1 },
    ]);
    expect(sim.lost.map(({ at, count }) => ({ seq: at, count }))).toEqual(
      gaps(events).map(({ seq, count }) => ({ seq, count })),
    );
    // The batch after the gap starts at the later index, with that packet's own values.
    const after = waveforms(events).find((w) => w.seq > 250);
    expect(after?.seq).toBe(260);
    const samples = samplesBySeq(events);
    expect(samples.has(255)).toBe(false);
    expect(samples.get(260)).toEqual(twelveLeads(sim.counts(260), scale));
    for (const [seq, values] of samples) expect(values).toEqual(twelveLeads(sim.counts(seq), scale));
    expect(coverage(events).holes).toEqual([]);
  });

  it('a loss of more than 255 packets is sized from the quiet time, and flagged so', async () => {
    const { sim, session, events } = rig({ sampleRate: 250 });
    sim.dropPackets(300, 50); // 1.2 s: the counter shows only 300 − 256 = 44
    await session.start();
    await until(() => samplesBySeq(events).size >= 150, 6_000);
    await session.close();
    expect(gaps(events).map(({ seq, count }) => ({ seq, count }))).toEqual([{ seq: 50, count: 300 }]);
    const reasons = statuses(events).map((s) => s.reason ?? s.state);
    expect(reasons).toContain('stream_silent');
    expect(reasons).toContain('gap_size_from_timing');
    expect(reasons).toContain('signal_resumed');
    for (const [seq, values] of samplesBySeq(events)) expect(values).toEqual(twelveLeads(sim.counts(seq), scale));
  });

  it('finds the reset banner among packets still in flight from an earlier stream', async () => {
    const { pipe, sim, session, events } = rig();
    await pipe.station.write(Uint8Array.from([0x62])); // someone left it streaming: 'b'
    await until(() => sim.sent > 20);
    await session.start();
    await until(() => samplesBySeq(events).size >= 20);
    await session.close();
    expect(waveforms(events)[0]?.seq).toBe(0);
    expect(gaps(events)).toEqual([]);
  });

  it('firmware without the rate command: 250 streams, 500 is refused with a reason', async () => {
    const old = rig({}, { firmware: null });
    await old.session.start();
    await until(() => old.sim.streaming);
    expect(old.sim.received.join('')).toBe('vb');
    expect(old.session.identity.firmware).toBeUndefined();
    await old.session.close();

    const fast = rig({ sampleRate: 500 }, { firmware: null });
    await expect(fast.session.start()).rejects.toMatchObject({ kind: 'device', code: 'ecg.sample_rate_unsupported' });
    expect(fast.events.at(-1)).toMatchObject({ type: 'error', code: 'ecg.sample_rate_unsupported' });
    expect(fast.sim.streaming).toBe(false);
    await fast.session.close();
  });

  it('a board that never answers fails start with a timeout', async () => {
    const pipe = bytePipe();
    const session = cytonEcgDriver({ replyTimeoutMs: 100 }).open(pipe.station);
    await expect(session.start()).rejects.toMatchObject({ kind: 'timeout' });
    await session.close();
  });

  it('a pulled cable ends in a disconnected status; nothing throws, close still works', async () => {
    const { pipe, sim, session, events } = rig();
    await session.start();
    await until(() => samplesBySeq(events).size >= 20);
    pipe.unplug();
    expect(statuses(events).at(-1)).toEqual({ type: 'status', state: 'disconnected', reason: 'link_lost' });
    expect(sim.streaming).toBe(false);
    await expect(session.close()).resolves.toBeUndefined();
    await expect(session.start()).rejects.toMatchObject({ kind: 'disconnected' });
  });

  it('refuses a sample rate the line cannot carry', () => {
    expect(() => cytonEcgDriver({ sampleRate: 500, baudRate: 115_200 })).toThrow(/165000 baud/);
    expect(cytonEcgDriver({ sampleRate: 500 }).serial.baudRate).toBe(230_400);
    expect(cytonEcgDriver().serial).toEqual({ baudRate: 115_200, dataBits: 8, parity: 'none', stopBits: 1 });
  });
});
