import { hex } from '../core/byte-buffer.js';
import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { xor } from './commands.js';
import { encodeRecord } from './reading.js';
import type { BpRecord } from './reading.js';
import { MAX_PAYLOAD, REPORT_SIZE, payloadOf } from './reports.js';

/** A reading held in the simulated unit; `unknown` fills the three bytes nobody has decoded. */
export interface StoredBpReading extends BpRecord {
  readonly unknown?: readonly [number, number, number];
}

/** Misbehaviour to put on: each map is GME index (0 = newest) → how many times. */
export interface OmronFaults {
  /** Answer that reading with its checksum byte corrupted. */
  readonly badChecksum?: Readonly<Record<number, number>>;
  /** Answer that reading with "NO". */
  readonly refuse?: Readonly<Record<number, number>>;
  /** Answer GDC with "NO" this many times. */
  readonly refuseCount?: number;
  /** Answer this many clearing blocks with the noise report the vendor capture shows. */
  readonly clearNoise?: number;
}

export interface OmronSimulatorOptions {
  /** Stored readings of bank 0, newest first (GME index 0). Other banks are empty. */
  readonly readings: readonly StoredBpReading[];
  /** The 11-character VER00 answer; the notes' example unit says "M7080IT 207". */
  readonly version?: string;
  readonly faults?: OmronFaults;
  /**
   * The unit's report buffer before its first answer. Bytes past a report's count are what
   * the previous report left there (visible throughout the vendor capture); a test can start
   * from the capture's state to compare byte for byte.
   */
  readonly staleReport?: Uint8Array;
  /** GDC reply byte 4, meaning unknown: 0x10 in the vendor capture, 0x0a in the notes. */
  readonly countByte4?: number;
}

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const OK = ascii('OK');
const NO = ascii('NO');
/** The noise report the vendor capture shows in place of "OK" after one clearing block. */
const NOISE = Uint8Array.of(0x08, 0x60, 0, 0, 0, 0, 0, 0);
/** Command lengths by mnemonic, from the notes and libomron (all end with their XOR checksum). */
const LENGTHS: Readonly<Record<string, number>> = { VER: 5, PRF: 5, SRL: 5, GDC: 8, GME: 8, GMA: 9, GEA: 9, END: 5 };

/**
 * A HEM-790IT-family unit, byte for byte as libomron's notes and the vendor USB capture
 * (libomron doc/logs/hem790it/790IT_OneReading.html) show it. What the sources do not show is
 * marked: the answer to an unknown or malformed command and to an index past the count ("NO"
 * here) is assumed.
 */
export class OmronSimulator implements HidDeviceModel {
  /** What the host did, in order: "mode 74bc", "clear", "GDC 0", "GME 0 2", "END" … */
  readonly log: string[] = [];
  private readonly readings: readonly StoredBpReading[];
  private readonly version: string;
  private readonly countByte4: number;
  private readonly faults: {
    badChecksum: Map<number, number>;
    refuse: Map<number, number>;
    refuseCount: number;
    clearNoise: number;
  };
  private last: Uint8Array;
  private pending: number[] = [];
  private freshMode = false;
  private off = false;

  constructor(options: OmronSimulatorOptions) {
    this.readings = options.readings;
    this.version = (options.version ?? 'M7080IT 207').padEnd(11).slice(0, 11);
    this.countByte4 = options.countByte4 ?? 0x10;
    this.last = (options.staleReport ?? new Uint8Array(REPORT_SIZE)).slice(0, REPORT_SIZE);
    const f = options.faults ?? {};
    const counts = (m: Readonly<Record<number, number>> | undefined) =>
      new Map(Object.entries(m ?? {}).map(([k, v]) => [Number(k), v]));
    this.faults = {
      badChecksum: counts(f.badChecksum),
      refuse: counts(f.refuse),
      refuseCount: f.refuseCount ?? 0,
      clearNoise: f.clearNoise ?? 0,
    };
  }

  onFeature(report: Uint8Array): Uint8Array[] {
    this.log.push(`mode ${hex(report).replace(' ', '')}`);
    this.freshMode = true;
    this.pending = [];
    return [];
  }

  onOutput(report: Uint8Array): Uint8Array[] {
    const payload = payloadOf(report);
    if (this.off || !payload) return [];
    this.pending.push(...payload);
    if (this.pending[0] === 0) return this.clearing(payload.length);
    const mnemonic = String.fromCharCode(...this.pending.slice(0, 3));
    const length = LENGTHS[mnemonic];
    if (length === undefined) {
      // An unknown command: answered once it looks finished (a short report). Assumed.
      if (payload.length === MAX_PAYLOAD) return [];
      this.log.push(`unknown ${mnemonic}`);
      this.pending = [];
      return this.send(NO);
    }
    if (this.pending.length < length) return [];
    const command = Uint8Array.from(this.pending.slice(0, length));
    this.pending = [];
    return this.command(mnemonic, command);
  }

  /** Zero bytes: the clearing block. Answered when its short last report arrives. */
  private clearing(size: number): Uint8Array[] {
    if (this.pending.some((b) => b !== 0)) {
      this.pending = [];
      return this.send(NO);
    }
    if (size === MAX_PAYLOAD) {
      // The capture shows an empty input report right after a mode change's first zero report.
      if (!this.freshMode) return [];
      this.freshMode = false;
      return [new Uint8Array(REPORT_SIZE)];
    }
    this.log.push('clear');
    this.pending = [];
    this.freshMode = false;
    if (this.faults.clearNoise > 0) {
      this.faults.clearNoise--;
      return [NOISE.slice()];
    }
    return this.send(OK);
  }

  private command(mnemonic: string, command: Uint8Array): Uint8Array[] {
    if (xor(command.subarray(3)) !== 0) {
      this.log.push(`bad checksum ${mnemonic}`);
      return this.send(NO);
    }
    const bank = command[4] ?? 0;
    switch (mnemonic) {
      case 'VER':
        this.log.push('VER00');
        return this.send(withChecksum([...OK, 0, ...ascii(this.version)]));
      case 'GDC':
        this.log.push(`GDC ${bank}`);
        if (this.faults.refuseCount > 0) {
          this.faults.refuseCount--;
          return this.send(NO);
        }
        return this.send(withChecksum([...OK, 0, 0, this.countByte4, 0, this.stored(bank).length]));
      case 'GME':
        return this.record(bank, command[6] ?? 0);
      case 'END':
        this.log.push('END');
        this.off = true;
        // The capture: "OK" in one report, then "OFF\r\n" (the notes show only the latter).
        return [...this.send(OK), ...this.send([...ascii('OFF'), 0x0d, 0x0a])];
      default:
        this.log.push(mnemonic);
        return this.send(NO);
    }
  }

  private record(bank: number, index: number): Uint8Array[] {
    this.log.push(`GME ${bank} ${index}`);
    const reading = this.stored(bank)[index];
    if (!reading || take(this.faults.refuse, index)) return this.send(NO);
    const bytes = [...OK, 0, ...encodeRecord(reading, reading.unknown)];
    if (take(this.faults.badChecksum, index)) bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x5a;
    return this.send(bytes);
  }

  private stored(bank: number): readonly StoredBpReading[] {
    return bank === 0 ? this.readings : [];
  }

  /** Splits a reply into reports of up to 7 bytes over whatever the buffer last held. */
  private send(bytes: readonly number[]): Uint8Array[] {
    const reports: Uint8Array[] = [];
    for (let at = 0; at < bytes.length; at += MAX_PAYLOAD) {
      const part = bytes.slice(at, at + MAX_PAYLOAD);
      const report = this.last.slice();
      report[0] = part.length;
      report.set(part, 1);
      this.last = report;
      reports.push(report.slice());
    }
    return reports;
  }
}

const withChecksum = (bytes: number[]): number[] => [...bytes, xor(Uint8Array.from(bytes.slice(2)))];

/** Counts one use of a fault; true while it lasts. */
function take(faults: Map<number, number>, index: number): boolean {
  const left = faults.get(index) ?? 0;
  if (left <= 0) return false;
  faults.set(index, left - 1);
  return true;
}
