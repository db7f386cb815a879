import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromHex, hex } from '../core/byte-buffer.js';
import { CommandReader, V46_OP, encodeCommand } from './v46-commands.js';
import { storedPacket, storedPackets, storedReadings } from './v46-stored.js';

describe('firmware 4.6 commands', () => {
  test('encode as headrotor captured them', () => {
    expect(hex(encodeCommand(V46_OP.start))).toBe('7d 81 a1 80 80 80 80 80 80');
    expect(hex(encodeCommand(V46_OP.dumpStored))).toBe('7d 81 a6 80 80 80 80 80 80');
    expect(hex(encodeCommand(V46_OP.keepAlive))).toBe('7d 81 af 80 80 80 80 80 80');
  });

  test('the simulator reads commands split anywhere and skips noise', () => {
    const reader = new CommandReader();
    const bytes = fromHex('00 7d 81 a1 80 80 80 80 80 80 7d 7d 81 af 80 80 80 80 80 80 7d 81 a2 80 80');
    const ops = [...bytes].flatMap((b) => reader.push(Uint8Array.of(b)));
    expect(ops).toEqual([V46_OP.start, V46_OP.keepAlive]);
    expect(reader.push(fromHex('80 80 80 80'))).toEqual([V46_OP.stop]);
  });
});

describe('firmware 4.6 stored packets', () => {
  test('bits 1, 3 and 5 of byte 1 add 127 to P0, P1 and P2', () => {
    const readings = storedReadings({ kind: 'stored', flags: 0x2a, raw: [97, 72, 96, 1, 95, 0] });
    expect(readings).toEqual([
      { spo2: 97, pulse: 199 },
      { spo2: 96, pulse: 128 },
      { spo2: 95, pulse: 127 },
    ]);
  });

  test('packing and unpacking three seconds round-trips every pulse 0–254', () => {
    const reading = fc.record({ spo2: fc.integer({ min: 0, max: 127 }), pulse: fc.integer({ min: 0, max: 254 }) });
    fc.assert(
      fc.property(fc.tuple(reading, reading, reading), (three) => {
        expect(storedReadings(storedPacket(three))).toEqual(three);
      }),
      { numRuns: 2_000 },
    );
  });

  test('a recording that is not a multiple of three seconds is padded with "nothing recognised"', () => {
    const packets = storedPackets([{ spo2: 97, pulse: 70 }]);
    expect(packets.flatMap(storedReadings)).toEqual([
      { spo2: 97, pulse: 70 },
      { spo2: 0, pulse: 0 },
      { spo2: 0, pulse: 0 },
    ]);
  });
});
