import { fromHex, hex } from '../core/byte-buffer.js';
import { recordDownload } from '../transport/record-download.js';
import type { FixtureCase as HidFixtureCase } from '../transport/record-download.js';
import type { TranscriptStep } from '../transport/replay.js';
import { SimulatedHid } from '../transport/simulated-hid.js';
import { decodeRecord } from './reading.js';
import { payloadOf } from './reports.js';
import { OmronSession } from './session.js';
import { OmronSimulator } from './simulator.js';
import type { OmronSimulatorOptions, StoredBpReading } from './simulator.js';

/**
 * The simulator conversations checked in under test/fixtures/hid/omron-hem-*.txt, and the
 * code that records and annotates them (`npx tsx drivers/omron-hem/record-fixtures.ts`). The
 * simulator test replays these cases again and fails if the simulator's bytes have drifted
 * from the files.
 */

/** The notes' worked example: 2007-01-03 00:06:51, 112/75 mmHg, pulse 71 (bytes … 70 4b 47 00 00 4c). */
export const NOTES_READING: StoredBpReading = {
  year: 2007,
  month: 1,
  day: 3,
  hour: 0,
  minute: 6,
  second: 51,
  systolic: 112,
  diastolic: 75,
  pulse: 71,
  flags: 0,
};

/** The vendor capture's one stored reading: 2008-04-21 16:10:46, 129/78 mmHg, pulse 77. */
export const CAPTURE_READING: StoredBpReading = {
  year: 2008,
  month: 4,
  day: 21,
  hour: 16,
  minute: 10,
  second: 46,
  systolic: 129,
  diastolic: 78,
  pulse: 77,
  flags: 0,
};

/** Made up for the simulator: the first reading of a TruRead series (flags 0x10). */
export const TRUREAD_READING: StoredBpReading = {
  year: 2006,
  month: 11,
  day: 30,
  hour: 21,
  minute: 45,
  second: 10,
  systolic: 142,
  diastolic: 91,
  pulse: 66,
  flags: 0x10,
};

/** Three stored readings, newest first as the unit indexes them. */
export const THREE_READINGS = [CAPTURE_READING, NOTES_READING, TRUREAD_READING] as const;

export type FixtureCase = HidFixtureCase<OmronSimulatorOptions>;

/** The vendor capture's buffer state before the exchange recorded in omron-hem-capture.txt. */
export const CAPTURE_STALE_REPORT = fromHex('04 00 00 00 06 00 00 00');

export const FIXTURE_CASES: readonly FixtureCase[] = [
  {
    name: 'download',
    about: [
      'A full download of three stored readings, recorded from drivers/omron-hem/simulator.ts.',
      'GME index 1 holds the worked example of libomron doc/omron_protocol_notes.asciidoc',
      '("Get Individual Reading"); its reply bytes match the notes\' raw reports byte for byte',
      '(the notes write the bytes past each count as XX; here they are left over from the',
      "previous report, as on the real unit). Index 0 is the vendor capture's reading.",
    ],
    simulator: { readings: THREE_READINGS },
  },
  {
    name: 'checksum',
    about: [
      'The unit answers GME index 1 with a corrupted checksum three times (the driver asks',
      'three times, as libomron asks again after a bad checksum). Recorded from the simulator.',
      'Expected: a checksum error, no reading for index 1, the other two readings.',
    ],
    simulator: { readings: THREE_READINGS, faults: { badChecksum: { 1: 3 } } },
  },
  {
    name: 'no-reply',
    about: [
      'The unit answers GME index 2 with "NO" once; the notes say "If this happens, requery',
      'using the same command". Recorded from the simulator. Expected: all three readings.',
    ],
    simulator: { readings: THREE_READINGS, faults: { refuse: { 2: 1 } } },
  },
  {
    name: 'unplug',
    about: [
      'A download cut short: the cable is pulled once the first (oldest) reading has arrived,',
      'so the transcript ends after its reply. Recorded from the simulator.',
      'Expected: that reading emitted, then a disconnected error; download() rejects.',
    ],
    simulator: { readings: THREE_READINGS },
    unplugAtFirstReading: true,
  },
];

/** Runs one case against the simulator through recording() and returns its steps. */
export function recordCase(fixture: FixtureCase): Promise<TranscriptStep[]> {
  const hid = new SimulatedHid(new OmronSimulator(fixture.simulator), 'sim-omron');
  const identity = { driver: 'omron-hem', manufacturer: 'Omron', model: 'simulated', port: 'sim-omron' };
  return recordDownload(hid, (transport) => new OmronSession(transport, identity), fixture.unplugAtFirstReading);
}

/** The transcript file: header comments, then each step with a comment saying what it is. */
export function annotate(fixture: FixtureCase, steps: readonly TranscriptStep[]): string {
  const lines = fixture.about.map((line) => `# ${line}`);
  lines.push('# Format: drivers/transport/replay.ts ("=>" output report, "F>" feature report, "<=" input report).');
  const names = describe(steps);
  steps.forEach((step, i) => {
    const note = names[i];
    if (note) lines.push(`# ${note}`);
    lines.push(`${step.dir} ${hex(step.bytes)}`);
  });
  return lines.join('\n') + '\n';
}

/** A comment for the first step of each command and each reply. */
function describe(steps: readonly TranscriptStep[]): (string | undefined)[] {
  const notes: (string | undefined)[] = [];
  let inCommand = false;
  let expect = 2;
  let reply: number[] = [];
  let replyStart = 0;
  steps.forEach((step, i) => {
    const payload = payloadOf(step.bytes);
    if (step.dir === 'F>') {
      notes[i] = `readings mode: feature report ${hex(step.bytes)} (libomron DAILY_INFO_MODE)`;
    } else if (step.dir === '=>') {
      if (!inCommand) [notes[i], expect] = commandName(step.bytes);
      inCommand = payload?.length === 7;
      reply = [];
    } else {
      if (reply.length === 0) replyStart = i;
      reply = [...reply, ...(payload ?? [])];
      const status = String.fromCharCode(reply[0] ?? 0, reply[1] ?? 0);
      if (reply.length === 0 || reply.length >= expect || status === 'NO' || status === 'OF' || !payload) {
        notes[replyStart] = replyName(Uint8Array.from(reply), step.bytes);
        // After END's "OK" the unit still sends "OFF\r\n".
        if (expect === 2 && status === 'OK') expect = 5;
        reply = [];
      }
    }
  });
  return notes;
}

function commandName(first: Uint8Array): [string, number] {
  const text = String.fromCharCode(...first.subarray(1, 4));
  if (first[1] === 0) return ['clearing block: 30 zero bytes as 4 reports of 7 and one of 2', 2];
  if (text === 'GDC') return [`GDC: how many readings bank ${first[5]} holds`, 8];
  if (text === 'GME') return [`GME: reading index ${first[7]} (0 = newest)`, 17];
  if (text === 'END') return ['END: session over, the unit switches off', 2];
  return [text, 2];
}

function replyName(reply: Uint8Array, report: Uint8Array): string {
  if (payloadOf(report) === null) return 'noise: a count byte over 7 (the vendor capture has this one)';
  if (reply.length === 0) return 'the empty report the unit sends after a mode change';
  const status = String.fromCharCode(reply[0] ?? 0, reply[1] ?? 0);
  if (status === 'NO') return '"NO": refused';
  if (status === 'OF') return '"OFF\\r\\n"';
  if (reply.length === 2) return '"OK"';
  if (reply.length === 8) return `"OK": ${reply[6]} readings stored`;
  if (reply.length >= 17) {
    const record = decodeRecord(reply.subarray(3, 17));
    if (!record) return '"OK" with a reading whose checksum does not match';
    const p = (n: number) => String(n).padStart(2, '0');
    return `"OK": ${record.year}-${p(record.month)}-${p(record.day)} ${p(record.hour)}:${p(record.minute)}:${p(record.second)}, ${record.systolic}/${record.diastolic} mmHg, pulse ${record.pulse}, flags ${record.flags.toString(16).padStart(2, '0')}`;
  }
  return `"${status}"`;
}
