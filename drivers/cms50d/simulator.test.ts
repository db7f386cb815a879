import { describe, expect, test } from 'vitest';
import { hex } from '../core/byte-buffer.js';
import { bytePipe } from '../transport/byte-pipe.js';
import { legacyLiveDecoder } from './legacy-decoder.js';
import { BACK_TO_LIVE, DOWNLOAD_REQUEST, encodeDownload } from './legacy-download-frame.js';
import { sleep } from './pty-rig.js';
import { LegacySimulator, V46Simulator } from './simulator.js';
import { V46_OP, encodeCommand } from './v46-commands.js';
import { v46Decoder } from './v46-decoder.js';
import { encodeV46 } from './v46-frame.js';
import { storedPackets } from './v46-stored.js';

/** The host side of a byte pipe, keeping everything the simulated device sends. */
function host() {
  const pipe = bytePipe();
  const bytes: number[] = [];
  pipe.station.onData((c) => bytes.push(...c));
  return { pipe, bytes, take: () => Uint8Array.from(bytes.splice(0)) };
}

const stored = [
  { spo2: 97, pulse: 70 },
  { spo2: 96, pulse: 140 },
  { spo2: 95, pulse: 66 },
  { spo2: 94, pulse: 65 },
];

describe('legacy simulator', () => {
  test('streams about 60 packets a second from power-on', async () => {
    const h = host();
    const sim = new LegacySimulator(h.pipe.device, { spo2: 95, pulse: 80 });
    sim.powerOn();
    await sleep(500);
    const frames = legacyLiveDecoder().push(h.take());
    expect(frames.length).toBeGreaterThanOrEqual(24);
    expect(frames.length).toBeLessThanOrEqual(36);
    expect(frames.every((f) => f.spo2 === 95 && f.pulse === 80)).toBe(true);
    sim.stop();
  });

  test('after answering F5 F5 it is silent until F6 F6 F6, then streams again', async () => {
    const h = host();
    const sim = new LegacySimulator(h.pipe.device, { stored });
    sim.powerOn();
    await sleep(100);
    await h.pipe.station.write(DOWNLOAD_REQUEST);
    await sleep(100);
    expect(hex(h.take())).toContain(hex(encodeDownload(stored)));
    await sleep(200);
    expect(h.bytes).toEqual([]);
    await h.pipe.station.write(BACK_TO_LIVE);
    await sleep(150);
    expect(legacyLiveDecoder().push(h.take()).length).toBeGreaterThan(3);
    sim.stop();
  });

  test('the download bytes are the encoder output, preamble first', async () => {
    const h = host();
    const sim = new LegacySimulator(h.pipe.device, { stored });
    sim.powerOn();
    await h.pipe.station.write(DOWNLOAD_REQUEST);
    await sleep(100);
    const bytes = hex(h.take());
    const answer = hex(encodeDownload(stored));
    expect(bytes.endsWith(answer)).toBe(true);
    expect(bytes.indexOf('f2 80 00')).toBe(bytes.length - answer.length);
    sim.stop();
  });
});

describe('firmware 4.6 simulator', () => {
  test('is silent until A1, stops on A2', async () => {
    const h = host();
    const sim = new V46Simulator(h.pipe.device);
    await sleep(100);
    expect(h.bytes).toHaveLength(0);
    await h.pipe.station.write(encodeCommand(V46_OP.start));
    await sleep(200);
    expect(v46Decoder().push(h.take()).length).toBeGreaterThan(5);
    await h.pipe.station.write(encodeCommand(V46_OP.stop));
    await sleep(50);
    h.take();
    await sleep(100);
    expect(h.bytes).toHaveLength(0);
    sim.stop();
  });

  test('stops streaming when keep-alives stop, as the real device ends its run', async () => {
    const h = host();
    const sim = new V46Simulator(h.pipe.device, { keepAliveTimeoutMs: 300 });
    await h.pipe.station.write(encodeCommand(V46_OP.start));
    for (let i = 0; i < 4; i++) {
      await sleep(150);
      await h.pipe.station.write(encodeCommand(V46_OP.keepAlive));
    }
    expect(sim.isStreaming).toBe(true);
    await sleep(450);
    expect(sim.isStreaming).toBe(false);
    sim.stop();
  });

  test('answers A6 with exactly its stored packets', async () => {
    const h = host();
    const sim = new V46Simulator(h.pipe.device, { stored });
    await h.pipe.station.write(encodeCommand(V46_OP.dumpStored));
    await sleep(100);
    const expected = storedPackets(stored).map((p) => hex(encodeV46(p)));
    expect(hex(h.take())).toBe(expected.join(' '));
    sim.stop();
  });

  test('refuses a live pulse above 127: the sources show no way to send one', () => {
    expect(() => new V46Simulator(bytePipe().device, { pulse: 150 })).toThrow(RangeError);
    const sim = new V46Simulator(bytePipe().device);
    expect(() => sim.setReading({ spo2: 97, pulse: 128 })).toThrow(RangeError);
    sim.stop();
  });
});
