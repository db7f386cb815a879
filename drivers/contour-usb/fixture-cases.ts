import { hex } from '../core/byte-buffer.js';
import { recordDownload } from '../transport/record-download.js';
import type { FixtureCase as HidFixtureCase } from '../transport/record-download.js';
import type { TranscriptStep } from '../transport/replay.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import { ACK, AstmFrameDecoder, ENQ, EOT, NAK, STX } from './astm-frame.js';
import { HEADER_SIZE, continues, hostData, meterData } from './hid-reports.js';
import { ContourSession } from './session.js';
import { ContourSimulator, HEADER_MMOL_L } from './simulator.js';
import type { ContourSimulatorOptions, StoredGlucose } from './simulator.js';

/**
 * The simulator conversations checked in under test/fixtures/hid/contour-usb-*.txt, and the
 * code that records and annotates them (`npx tsx drivers/contour-usb/record-fixtures.ts`). The
 * simulator test records them again and fails if the simulator's bytes have drifted.
 */

/** mg/dL results; the first is glucometerutils' worked result record (value, unit, markers, time). */
export const MG_DL_RESULTS: readonly StoredGlucose[] = [
  { value: '133', unit: 'mg/dL', time: '201202052034', markers: 'B/X' },
  { value: '162', unit: 'mg/dL', time: '201202061315', markers: 'A/Z8' },
  { value: '118', unit: 'mg/dL', time: '201202062210', markers: 'C' },
  { value: '97', unit: 'mg/dL', time: '201202070705' },
];

/** mmol/L results: the values, markers and times of glucodump's result records. */
export const MMOL_L_RESULTS: readonly StoredGlucose[] = [
  { value: '7.9', unit: 'mmol/L', time: '201011281949', markers: 'B' },
  { value: '10.1', unit: 'mmol/L', time: '201011131409' },
  { value: '2.8', unit: 'mmol/L', time: '201012142048', markers: 'B' },
  { value: '11.5', unit: 'mmol/L', time: '201012272001', markers: 'A/Z1' },
];

export type FixtureCase = HidFixtureCase<ContourSimulatorOptions>;

const SOURCE_NOTE = [
  'The first meter message (EOT, header frame, ENQ) is byte for byte the `header_record` of',
  'glucometers-tech/glucometerutils glucometerutils/drivers/tests/test_contourusb.py.',
];

export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    name: 'download-mg-dl',
    about: [
      'A full download from a Contour USB set to mg/dL, recorded from drivers/contour-usb/simulator.ts.',
      ...SOURCE_NOTE,
      "Results: glucometerutils' worked record (133 mg/dL, markers B/X), one after a meal (A/Z8),",
      'a control-solution test (marker C: not a patient reading) and one without markers.',
    ],
    simulator: { results: MG_DL_RESULTS },
  },
  {
    name: 'download-mmol-l',
    about: [
      'A full download from a Contour USB set to mmol/L, recorded from the simulator. The header',
      'frame is byte for byte the one in hilljb/glucodump test/test_contourusb.py (checksum 65);',
      "the results carry the values, markers and times of that file's result records.",
    ],
    simulator: { results: MMOL_L_RESULTS, header: HEADER_MMOL_L },
  },
  {
    name: 'nak-retry',
    about: [
      'The meter sends the first result frame (frame 3) with a wrong checksum once; the driver',
      'NAKs it and the meter sends it again, intact. Recorded from the simulator.',
      'Expected: every reading once, no error.',
    ],
    simulator: { results: MG_DL_RESULTS, faults: { badChecksum: { frame: 2, times: 1 } } },
  },
  {
    name: 'checksum',
    about: [
      'The meter sends the second result frame (frame 4) with a wrong checksum every time; the',
      'driver NAKs it six times, after which the meter gives up with EOT (ASTM E1381: a frame',
      'refused six times aborts the message). Recorded from the simulator.',
      'Expected: the first reading, a checksum error, nothing from the refused frame.',
    ],
    simulator: { results: MG_DL_RESULTS, faults: { badChecksum: { frame: 3, times: 6 } } },
  },
  {
    name: 'unplug',
    about: [
      'A download cut short: the cable is pulled once the first reading has arrived, so the',
      'transcript ends with its frame. Recorded from the simulator.',
      'Expected: that reading emitted, then a disconnected error; download() rejects.',
    ],
    simulator: { results: MG_DL_RESULTS },
    unplugAtFirstReading: true,
  },
];

/** Runs one case against the simulator through recording() and returns its steps. */
export function recordCase(fixture: FixtureCase): Promise<TranscriptStep[]> {
  const hid = new SimulatedHid(new ContourSimulator(fixture.simulator), 'sim-contour');
  const identity = { driver: 'contour-usb', manufacturer: 'Ascensia (Bayer)', model: 'simulated', port: 'sim-contour' };
  return recordDownload(hid, (transport) => new ContourSession(transport, identity), fixture.unplugAtFirstReading);
}

/**
 * The transcript file: header comments, then each step with a comment saying what it is.
 * Reports are written without their trailing zero padding (the replay transport compares
 * reports zero-padded, and the driver reads only the length byte's worth).
 */
export function annotate(fixture: FixtureCase, steps: readonly TranscriptStep[]): string {
  const lines = fixture.about.map((line) => `# ${line}`);
  lines.push('# Format: drivers/transport/replay.ts ("=>" host report, "<=" meter report); 64-byte reports');
  lines.push('# are written without their zero padding.');
  let message: number[] = [];
  steps.forEach((step, i) => {
    if (step.dir === '=>') {
      lines.push(`# host: ${controlName(hostData(step.bytes))}`);
    } else if (message.length === 0 && steps[i - 1]?.dir === '=>') {
      lines.push(`# meter: ${messageName(steps, i)}`);
    }
    if (step.dir === '<=') message = continues(step.bytes) ? [...message, 0] : [];
    lines.push(`${step.dir} ${hex(trim(step.bytes))}`);
  });
  return lines.join('\n') + '\n';
}

function trim(report: Uint8Array): Uint8Array {
  const keep = HEADER_SIZE + (report[3] ?? 0);
  let end = report.length;
  while (end > keep && report[end - 1] === 0) end--;
  return report.slice(0, end);
}

const CONTROL_NAMES: Readonly<Record<number, string>> = { [EOT]: 'EOT', [ENQ]: 'ENQ', [ACK]: 'ACK', [NAK]: 'NAK' };

function controlName(data: Uint8Array | null): string {
  const byte = data?.length === 1 ? data[0] : undefined;
  return (byte !== undefined && CONTROL_NAMES[byte]) || `? ${data ? hex(data) : 'not a host report'}`;
}

/** What one meter message (reports from `at` until one is not full) holds. */
function messageName(steps: readonly TranscriptStep[], at: number): string {
  const bytes: number[] = [];
  for (let i = at; i < steps.length && steps[i]?.dir === '<='; i++) {
    const report = steps[i]?.bytes ?? new Uint8Array(0);
    bytes.push(...(meterData(report) ?? []));
    if (!continues(report)) break;
  }
  const parts: string[] = [];
  const decoder = new AstmFrameDecoder();
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b !== STX) {
      parts.push(CONTROL_NAMES[b] ?? hex(Uint8Array.of(b)));
      i++;
      continue;
    }
    const end = bytes.indexOf(0x0a, i);
    const frameBytes = Uint8Array.from(bytes.slice(i, end + 1));
    const [frame] = decoder.push(frameBytes);
    const text = String.fromCharCode(...frameBytes.subarray(2, frameBytes.indexOf(0x0d)));
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    parts.push(frame ? `frame ${frame.number} "${shown}"` : `frame "${shown}" with a WRONG checksum`);
    decoder.reset();
    i = end + 1;
  }
  return parts.join(', ');
}
