import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A reader for PhysioNet WFDB records (header(5) and signal(5) in the WFDB documentation):
 * single-segment records whose signals are in format 212 or 16, which is what the MIT-BIH
 * Arrhythmia and PTB Diagnostic databases use. Anything else is refused, not guessed.
 */

export interface WfdbSignal {
  readonly file: string;
  readonly format: 16 | 212;
  /** ADC units per physical unit (200 when the header leaves it out). */
  readonly gain: number;
  /** The ADC value that is 0 physical units (the ADC zero when the header leaves it out). */
  readonly baseline: number;
  readonly units: string;
  readonly adcResolution: number;
  readonly adcZero: number;
  /** The first sample, as the header states it (for checking). */
  readonly initialValue: number | undefined;
  /** 16-bit signed sum of all samples, as the header states it (for checking). */
  readonly checksum: number | undefined;
  readonly description: string;
}

export interface WfdbHeader {
  readonly record: string;
  readonly sampleRate: number;
  /** Samples per signal. */
  readonly length: number;
  readonly signals: readonly WfdbSignal[];
  readonly comments: readonly string[];
}

export interface WfdbRecord {
  readonly header: WfdbHeader;
  /** ADC values per signal, in header order. */
  readonly digital: readonly Int16Array[];
}

const DEFAULT_GAIN = 200;

export function parseHeader(text: string): WfdbHeader {
  const lines = text.split(/\r?\n/);
  const comments = lines.filter((l) => l.startsWith('#')).map((l) => l.slice(1).trim());
  const fields = lines.filter((l) => l.trim() && !l.startsWith('#')).map((l) => l.trim().split(/\s+/));
  const [recordLine, ...signalLines] = fields;
  if (!recordLine) throw new Error('WFDB header: no record line');
  const [name = '', count = '0', rate = '250', length = '0'] = recordLine;
  if (name.includes('/')) throw new Error(`WFDB header: ${name} is a multi-segment record (not supported)`);
  const signalCount = Number(count);
  const signals = signalLines.slice(0, signalCount).map(parseSignal);
  if (signals.length !== signalCount)
    throw new Error(`WFDB header: ${signalCount} signals announced, ${signals.length} found`);
  // "360/…(…)" carries a counter frequency we do not need.
  const sampleRate = Number.parseFloat(rate);
  if (!(sampleRate > 0) || !/^\d+$/.test(length)) throw new Error(`WFDB header: record line "${recordLine.join(' ')}"`);
  return { record: name, sampleRate, length: Number(length), signals, comments };
}

function parseSignal(f: string[]): WfdbSignal {
  const [file = '', formatField = '', gainField, res, zero, init, sum, _block, ...description] = f;
  const format = /^(\d+)$/.exec(formatField)?.[1];
  // Samples per frame (x), skew (:) and byte offset (+) change how the file is laid out.
  if (format !== '16' && format !== '212')
    throw new Error(`WFDB signal ${file}: format "${formatField}" not supported`);
  const gainMatch = /^([-\d.eE+]+)(?:\((-?\d+)\))?(?:\/(.+))?$/.exec(gainField ?? '');
  if (gainField !== undefined && !gainMatch) throw new Error(`WFDB signal ${file}: gain "${gainField}"`);
  const gainValue = Number(gainMatch?.[1] ?? 0);
  const adcZero = zero === undefined ? 0 : Number(zero);
  return {
    file,
    format: format === '16' ? 16 : 212,
    gain: gainValue === 0 ? DEFAULT_GAIN : gainValue,
    baseline: gainMatch?.[2] === undefined ? adcZero : Number(gainMatch[2]),
    units: gainMatch?.[3] ?? 'mV',
    adcResolution: res === undefined ? (format === '16' ? 16 : 12) : Number(res),
    adcZero,
    initialValue: init === undefined ? undefined : Number(init),
    checksum: sum === undefined ? undefined : Number(sum),
    description: description.join(' '),
  };
}

/** The 16-bit two's-complement sum WFDB headers carry as a signal's checksum. */
export function checksum16(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum = (sum + s) & 0xffff;
  return sum >= 0x8000 ? sum - 0x10000 : sum;
}

/** Reads record `name` from `dir`, checking each signal against its header checksum. */
export function readRecord(dir: string, name: string): WfdbRecord {
  const header = parseHeader(readFileSync(join(dir, `${name}.hea`), 'latin1'));
  const digital: Int16Array[] = header.signals.map(() => new Int16Array(header.length));
  // Signals sharing a file are interleaved frame by frame, in header order.
  const files = [...new Set(header.signals.map((s) => s.file))];
  for (const file of files) {
    const members = header.signals.flatMap((s, i) => (s.file === file ? [i] : []));
    const formats = new Set(members.map((i) => header.signals[i]?.format));
    if (formats.size !== 1) throw new Error(`WFDB ${file}: mixed formats in one file`);
    const bytes = readFileSync(join(dir, file));
    const values = header.signals[members[0] as number]?.format === 16 ? unpack16(bytes) : unpack212(bytes);
    const needed = header.length * members.length;
    if (values.length < needed) throw new Error(`WFDB ${file}: ${values.length} samples, header needs ${needed}`);
    members.forEach((signal, column) => {
      const out = digital[signal] as Int16Array;
      for (let t = 0; t < header.length; t++) out[t] = values[t * members.length + column] as number;
    });
  }
  header.signals.forEach((s, i) => {
    const samples = digital[i] as Int16Array;
    if (s.initialValue !== undefined && header.length > 0 && samples[0] !== s.initialValue) {
      throw new Error(`WFDB ${name} signal ${i}: first sample ${samples[0]}, header says ${s.initialValue}`);
    }
    if (s.checksum !== undefined && checksum16(samples) !== s.checksum) {
      throw new Error(`WFDB ${name} signal ${i}: checksum ${checksum16(samples)}, header says ${s.checksum}`);
    }
  });
  return { header, digital };
}

/** Little-endian 16-bit two's complement. */
function unpack16(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(bytes.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[2 * i] as number) | ((bytes[2 * i + 1] as number) << 8);
  return out;
}

/** Two 12-bit samples in three bytes: the second byte holds the high nibble of each. */
function unpack212(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(Math.floor((bytes.length * 2) / 3));
  for (let i = 0, o = 0; i + 2 < bytes.length; i += 3) {
    const mid = bytes[i + 1] as number;
    out[o++] = signed12((bytes[i] as number) | ((mid & 0x0f) << 8));
    out[o++] = signed12((bytes[i + 2] as number) | ((mid & 0xf0) << 4));
  }
  return out;
}

const signed12 = (v: number) => (v & 0x800 ? v - 0x1000 : v);

/** WFDB marks a missing sample with the most negative value of the format. */
const INVALID: Readonly<Record<16 | 212, number>> = { 16: -32768, 212: -2048 };

const UNIT_TO_MICROVOLTS: Readonly<Record<string, number>> = { mV: 1_000, uV: 1, µV: 1, V: 1_000_000 };

/** A signal in microvolts; missing samples are NaN. */
export function microvolts(record: WfdbRecord, signal: number): Float64Array {
  const spec = record.header.signals[signal];
  const samples = record.digital[signal];
  if (!spec || !samples) throw new RangeError(`no signal ${signal}`);
  const perUnit = UNIT_TO_MICROVOLTS[spec.units];
  if (perUnit === undefined) throw new Error(`WFDB signal ${signal}: units "${spec.units}" are not a voltage`);
  const out = new Float64Array(samples.length);
  const invalid = INVALID[spec.format];
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] as number;
    out[i] = v === invalid ? Number.NaN : ((v - spec.baseline) / spec.gain) * perUnit;
  }
  return out;
}
