import { describe, expect, test } from 'vitest';
import { identityOf } from '../core/driver.js';
import type { DriverEvent } from '../core/events.js';
import { bytePipe } from '../transport/byte-pipe.js';
import { legacyGarbage, v46Garbage } from './garbage.js';
import { cms50dLegacy, cms50e } from './index.js';
import { encodeLegacyLive } from './legacy-frame.js';
import { LegacySession } from './legacy-session.js';
import { sleep } from './pty-rig.js';
import { encodeV46 } from './v46-frame.js';
import { V46Session } from './v46-session.js';

const readings = Array.from({ length: 30 }, (_, i) => ({ spo2: 88 + (i % 12), pulse: 55 + i }));

/** Garbage in pieces for a while, then one packet per reading; every packet is measured. */
async function feed(device: { write(b: Uint8Array): Promise<void> }, garbage: Uint8Array, packets: Uint8Array[]) {
  for (let at = 0; at < garbage.length; at += 97) {
    await device.write(garbage.slice(at, at + 97));
    await sleep(5);
  }
  for (const p of packets) await device.write(p);
  await sleep(50);
}

const measured = (events: DriverEvent[]) =>
  events.flatMap((e) => (e.type === 'measurement' ? [`${e.unit === '%' ? 'spo2' : 'pulse'} ${e.value}`] : []));
const expected = readings.flatMap((r) => [`spo2 ${r.spo2}`, `pulse ${r.pulse}`]);

describe('garbage for a while, then valid data, yields exactly the valid readings', () => {
  test('legacy (garbage that breaks framing: random bytes would hold frames nobody can reject)', async () => {
    const pipe = bytePipe();
    const session = new LegacySession(identityOf(cms50dLegacy, 'pipe'), pipe.station, { measurementIntervalMs: 0 });
    const events: DriverEvent[] = [];
    session.on((e) => events.push(e));
    await session.start();
    const packets = readings.map((r, i) =>
      encodeLegacyLive({
        ...r,
        signal: 7,
        fingerOut: false,
        spo2Dropping: false,
        beep: false,
        pleth: i,
        bar: 2,
        probeError: false,
        searching: false,
      }),
    );
    await feed(pipe.device, legacyGarbage(4_000, 11), packets);
    expect(measured(events)).toEqual(expected);
    expect(session.dropped).toBeGreaterThan(0);
    await session.close();
  });

  test('firmware 4.6 (random garbage; any accidental well-framed packet in it broken up)', async () => {
    const pipe = bytePipe();
    const session = new V46Session(identityOf(cms50e, 'pipe'), pipe.station, {
      measurementIntervalMs: 0,
      keepAliveMs: 0,
      restartAfterMs: 0,
    });
    const events: DriverEvent[] = [];
    session.on((e) => events.push(e));
    await session.start();
    const packets = readings.map((r, i) => encodeV46({ kind: 'live', status: 0x60, info: 5, pleth: i, aux: 22, ...r }));
    await feed(pipe.device, v46Garbage(4_000, 11), packets);
    expect(measured(events)).toEqual(expected);
    expect(session.dropped).toBeGreaterThan(0);
    await session.close();
  });
});
