import fc from 'fast-check';
import { describe, it } from 'vitest';
import { identityOf } from '../core/driver.js';
import { isDriverError } from '../core/errors.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { checkParserProperties, fuzzRuns } from '../../test/support/driver-fuzz.js';
import { runDownload } from '../../test/support/session-events.js';
import { AstmFrameDecoder, encodeFrame } from './astm-frame.js';
import type { AstmFrame } from './astm-frame.js';
import { contourUsb } from './driver.js';
import { meterData, meterReports } from './hid-reports.js';
import { ContourSession } from './session.js';
import { ContourSimulator } from './simulator.js';
import type { StoredGlucose } from './simulator.js';

/**
 * The oracle: ASTM E1381 frame rules written out again, independent of the decoder (the
 * checksum compared as a number rather than as characters). Lists the text of every valid
 * frame that starts anywhere in some bytes.
 */
function validFrames(bytes: Uint8Array): string[] {
  const found: string[] = [];
  for (let start = 0; start < bytes.length; start++) {
    const fn = bytes[start + 1] ?? 0;
    if (bytes[start] !== 0x02 || fn < 0x30 || fn > 0x37) continue;
    let cr = start + 2;
    while (cr < bytes.length && bytes[cr] !== 0x0d && bytes[cr] !== 0x02) cr++;
    const end = bytes[cr + 1];
    const digits = String.fromCharCode(bytes[cr + 2] ?? 0, bytes[cr + 3] ?? 0);
    if (bytes[cr] !== 0x0d || (end !== 0x03 && end !== 0x17) || !/^[0-9A-F]{2}$/.test(digits)) continue;
    if (bytes[cr + 4] !== 0x0d || bytes[cr + 5] !== 0x0a) continue;
    const sum = bytes.subarray(start + 1, cr + 2).reduce((a, b) => a + b, 0);
    if (Number.parseInt(digits, 16) !== sum % 256) continue;
    found.push(Array.from(bytes.subarray(start + 2, cr), (b) => String.fromCharCode(b)).join(''));
  }
  return found;
}

const text = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 240,
});
const frame: fc.Arbitrary<AstmFrame> = fc.record({ number: fc.integer({ min: 0, max: 7 }), text, final: fc.boolean() });

describe('ASTM frame decoder under fuzz', () => {
  it('passes the shared parser properties (test/support/driver-fuzz.ts)', () => {
    checkParserProperties({
      decoder: () => new AstmFrameDecoder(),
      message: frame,
      encode: encodeFrame,
      // A flipped bit can turn a text byte into an STX that starts a valid frame of its own
      // inside the corrupted one: no parser can tell that from a real frame, so such inputs are
      // excluded with the whole-frame case.
      frameValid: (bytes) => validFrames(bytes).length > 0,
    });
  });
});

describe('Contour HID reports under fuzz', () => {
  it('random reports never throw and never yield more data than the report holds', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), (report) => {
        const data = meterData(report);
        return data === null || (data.length <= 60 && data.length === report[3]);
      }),
      { numRuns: Math.max(4, Math.floor(fuzzRuns() / 4)) },
    );
  });
});

describe('Contour session under fuzz', () => {
  const stored: fc.Arbitrary<StoredGlucose> = fc.record({
    value: fc.integer({ min: 10, max: 600 }).map(String),
    unit: fc.constant('mg/dL' as const),
    time: fc.constantFrom('201202052034', '201909221304', '202401010000'),
    markers: fc.constantFrom('', 'B', 'A/Z8'),
  });
  const mutation = fc.oneof(
    { arbitrary: fc.constant({ kind: 'none' as const }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant('flip' as const), bit: fc.nat() }), weight: 2 },
    {
      arbitrary: fc.record({ kind: fc.constant('random' as const), bytes: fc.uint8Array({ maxLength: 80 }) }),
      weight: 1,
    },
  );

  it('corrupted meter messages never escape as exceptions; every reading came from an intact frame', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stored, { minLength: 1, maxLength: 4 }),
        fc.array(mutation, { minLength: 1, maxLength: 16 }),
        async (results, plan) => {
          const meter = new ContourSimulator({ results });
          const intact: string[] = [];
          let step = 0;
          // Each meter message is mutated by the next step of the plan before the driver sees it.
          const model: HidDeviceModel = {
            onFeature: () => [],
            onOutput: (report) => {
              const answer = meter.onOutput(report);
              if (answer.length === 0) return answer;
              const message = Uint8Array.from(answer.flatMap((r) => [...(meterData(r) ?? [])]));
              const change = plan[step++ % plan.length] ?? { kind: 'none' };
              const sent =
                change.kind === 'random' ? change.bytes : change.kind === 'flip' ? flip(message, change.bit) : message;
              intact.push(...validFrames(sent));
              return meterReports(sent);
            },
          };
          const hid = new SimulatedHid(model, 'fuzz');
          const session = new ContourSession(hid, identityOf(contourUsb, 'fuzz'), {
            reportTimeoutMs: 2,
            establishAttempts: 3,
          });
          const { outcome, measurements: emitted } = await runDownload(session);
          if (outcome.readings === null && !isDriverError(outcome.error)) return false;
          // Every reading's value appears as the value field of a result record in an intact frame.
          const values = intact.flatMap((t) => (t.startsWith('R|') ? [t.split('|')[3]] : []));
          return emitted.every((m) => values.includes(String(m.value)));
        },
      ),
      { numRuns: Math.max(20, Math.floor(fuzzRuns() / 100)) },
    );
  });
});

function flip(bytes: Uint8Array, bit: number): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  const at = bit % (out.length * 8);
  out[at >> 3] = (out[at >> 3] as number) ^ (1 << (at & 7));
  return out;
}
