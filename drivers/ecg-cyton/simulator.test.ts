import { describe, expect, it } from 'vitest';
import { bytePipe } from '../transport/byte-pipe.js';
import { CytonDecoder } from './packet-decoder.js';
import type { CytonPacket } from './protocol.js';
import { CytonSimulator } from './simulator.js';
import { until } from './test-helpers.js';

const send = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

describe('Cyton simulator', () => {
  it('answers v, ~~ and ~5 as the board documents; b streams at the real rate; s stops', async () => {
    const { station, device } = bytePipe();
    const sim = new CytonSimulator(device);
    let text = '';
    const packets: CytonPacket[] = [];
    const decoder = new CytonDecoder();
    let streaming = false;
    station.onData((chunk) => {
      if (streaming) packets.push(...decoder.push(chunk));
      else text += String.fromCharCode(...chunk);
    });
    await station.write(send('v'));
    await until(() => text.endsWith('$$$'));
    expect(text).toBe(
      'OpenBCI V3 8-16 channel\nADS1299 Device ID: 0x3E\nLIS3DH Device ID: 0x33\nFirmware: v3.1.1\n$$$',
    );
    text = '';
    await station.write(send('~~'));
    await until(() => text.endsWith('$$$'));
    expect(text).toBe('Sample rate is 250Hz$$$');
    text = '';
    await station.write(send('~5'));
    await until(() => text.endsWith('$$$'));
    expect(text).toBe('Sample rate set to 500Hz$$$');

    streaming = true;
    const started = performance.now();
    await station.write(send('b'));
    await until(() => packets.length >= 600);
    const seconds = (performance.now() - started) / 1000;
    // Paced by the wall clock: 600 packets at 500/s take about 1.2 s, not a burst of them.
    expect(seconds).toBeGreaterThan(1.1);
    expect(seconds).toBeLessThan(3);
    expect(packets.slice(250, 262).map((p) => p.counter)).toEqual([250, 251, 252, 253, 254, 255, 0, 1, 2, 3, 4, 5]);
    expect(Array.from(packets[300]!.counts)).toEqual(Array.from(sim.counts(300)));
    await station.write(send('s'));
    await until(() => !sim.streaming);
    const stoppedAt = packets.length;
    await new Promise((r) => setTimeout(r, 100));
    expect(packets.length).toBe(stoppedAt);
  });
});
