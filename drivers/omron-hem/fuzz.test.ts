import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDriverError } from '../core/errors.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { fuzzRuns } from '../../test/support/driver-fuzz.js';
import { runDownload } from '../../test/support/session-events.js';
import { REPLY_LENGTH } from './commands.js';
import { OmronSession } from './session.js';
import { decodeRecord, encodeRecord } from './reading.js';
import { ReplyReader } from './replies.js';
import type { Reply } from './replies.js';
import { OmronSimulator } from './simulator.js';
import { storedReading } from './test-readings.js';

/**
 * The Omron link has no byte stream to resynchronise, so its "parser" is the reply reader:
 * reports in, one reply out. Random and bit-flipped reports must never make it throw, and an
 * "OK" it accepts must always pass the XOR check; a reading is only ever what the unit sent.
 * The oracle below recomputes everything from the bytes without the driver's helpers.
 */

const runs = Math.max(4, Math.floor(fuzzRuns() / 4));

const xorOf = (bytes: readonly number[]) => bytes.reduce((a, b) => a ^ b, 0);

/** The valid bytes of reports as the notes define them (count byte ≤ 7), or null. */
function payloads(reports: readonly Uint8Array[]): number[] | null {
  const out: number[] = [];
  for (const r of reports) {
    const count = r[0] ?? 0;
    if (count > 7 || r.length < 1 + count) return null;
    out.push(...r.subarray(1, 1 + count));
  }
  return out;
}

function readAll(expected: number, reports: readonly Uint8Array[]): Reply | null {
  const reader = new ReplyReader(expected);
  for (const report of reports) {
    const reply = reader.add(report);
    if (reply) return reply;
  }
  return null;
}

const report = fc.uint8Array({ minLength: 0, maxLength: 10 });

/** Well-framed reports whose bytes start "OK" and go on at random: about 1 in 256 passes the XOR. */
const okReports = fc.uint8Array({ minLength: 0, maxLength: 20 }).map((tail) => {
  const bytes = [0x4f, 0x4b, ...tail];
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += 7) {
    const part = bytes.slice(at, at + 7);
    out.push(Uint8Array.of(part.length, ...part, ...new Array<number>(7 - part.length).fill(0)));
  }
  return out;
});

/** A GME reply as the unit frames it: "OK\0" + 14 bytes in reports of 7, 7 and 3 over stale bytes. */
const gmeReports = fc.tuple(storedReading, fc.uint8Array({ minLength: 8, maxLength: 8 })).map(([r, stale]) => {
  const bytes = [0x4f, 0x4b, 0, ...encodeRecord(r)];
  return [bytes.slice(0, 7), bytes.slice(7, 14), bytes.slice(14)].map((part) => {
    const out = stale.slice();
    out[0] = part.length;
    out.set(part, 1);
    return out;
  });
});

describe('Omron reply reader under fuzz', () => {
  it('random reports never throw, and an accepted "OK" always passes the checksum', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(report, { maxLength: 6 }), okReports),
        fc.constantFrom(2, 8, 15, 17),
        (reports, expected) => {
          const reply = readAll(expected, reports);
          if (reply?.kind !== 'ok') return true;
          const bytes = [...reply.bytes];
          return bytes.length === expected && xorOf(bytes.slice(2)) === 0;
        },
      ),
      { numRuns: runs },
    );
  });

  it('random 14-byte records decode only when their own checksum holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 14, maxLength: 14 }), (bytes) => {
        const record = decodeRecord(bytes);
        return (record !== null) === (xorOf([...bytes]) === 0);
      }),
      { numRuns: runs },
    );
  });

  it('a GME reply with one bit flipped anywhere is refused, or read as exactly the original', () => {
    fc.assert(
      fc.property(gmeReports, fc.nat(), (reports, bit) => {
        const original = readAll(REPLY_LENGTH.record, reports);
        if (original?.kind !== 'ok') return false;
        const at = bit % (reports.length * 64);
        const flipped = reports.map((r) => r.slice());
        const target = flipped[at >> 6] as Uint8Array;
        target[(at >> 3) & 7] = (target[(at >> 3) & 7] as number) ^ (1 << (at & 7));
        const reply = readAll(REPLY_LENGTH.record, flipped);
        if (reply?.kind !== 'ok') return true;
        // Only a flip in the stale bytes past a count can leave the reply intact.
        return reply.bytes.every((b, i) => b === original.bytes[i]);
      }),
      { numRuns: runs },
    );
  });
});

describe('Omron session under fuzz', () => {
  it('corrupted replies never escape as exceptions, and every reading is one the unit sent intact', async () => {
    // Mostly intact replies, so that runs get past the record count to the readings.
    const mutation = fc.oneof(
      { arbitrary: fc.constant({ kind: 'none' as const }), weight: 3 },
      { arbitrary: fc.record({ kind: fc.constant('flip' as const), bit: fc.nat() }), weight: 2 },
      {
        arbitrary: fc.record({
          kind: fc.constant('random' as const),
          reports: fc.array(report, { minLength: 1, maxLength: 4 }),
        }),
        weight: 1,
      },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(storedReading, { minLength: 1, maxLength: 3 }),
        fc.array(mutation, { minLength: 1, maxLength: 12 }),
        async (readings, plan) => {
          const unit = new OmronSimulator({ readings });
          const sent: Uint8Array[][] = [];
          let reply = 0;
          // Each reply the unit gives after the clearing block is mutated by the next step of the plan.
          const model: HidDeviceModel = {
            onFeature: (r) => unit.onFeature(r),
            onOutput: (r) => {
              const answer = unit.onOutput(r);
              if (answer.length === 0 || unit.log.at(-1) === 'clear') return answer;
              const step = plan[reply++ % plan.length] ?? { kind: 'none' };
              const out =
                step.kind === 'random'
                  ? step.reports
                  : step.kind === 'flip'
                    ? flipOne(answer, step.bit)
                    : answer.map((a) => a.slice());
              sent.push(out.map((o) => o.slice()));
              return out;
            },
          };
          const session = new OmronSession(
            new SimulatedHid(model, 'fuzz'),
            { driver: 'omron-hem', manufacturer: 'Omron', model: 'fuzz', port: 'fuzz' },
            { reportTimeoutMs: 2 },
          );
          const { outcome, measurements: emitted } = await runDownload(session);
          if (outcome.readings === null && !isDriverError(outcome.error)) return false;
          const intact = sent.flatMap((reports) => {
            const bytes = payloads(reports);
            if (!bytes || bytes.length !== 17 || bytes[0] !== 0x4f || bytes[1] !== 0x4b) return [];
            if (xorOf(bytes.slice(2)) !== 0) return [];
            const record = decodeRecord(Uint8Array.from(bytes.slice(3)));
            return record ? [`${record.systolic}/${record.diastolic}/${record.pulse}`] : [];
          });
          const panels = emitted.filter((m) => m.loinc === '85354-9');
          return panels.every((m) => {
            const [sys, dia] = (m.components ?? []).map((c) => c.value);
            const pulse = emitted[emitted.indexOf(m) + 1]?.value;
            return intact.includes(`${sys}/${dia}/${pulse}`);
          });
        },
      ),
      { numRuns: Math.max(20, Math.floor(fuzzRuns() / 100)) },
    );
  });
});

function flipOne(reports: readonly Uint8Array[], bit: number): Uint8Array[] {
  const out = reports.map((r) => r.slice());
  const at = bit % (out.length * 64);
  const target = out[at >> 6] as Uint8Array;
  target[(at >> 3) & 7] = (target[(at >> 3) & 7] as number) ^ (1 << (at & 7));
  return out;
}

it('the fuzz budget follows DRIVER_FUZZ_RUNS', () => {
  expect(runs).toBe(Math.max(4, Math.floor(fuzzRuns() / 4)));
});
