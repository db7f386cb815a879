import type { HidDeviceModel } from '../transport/simulated-hid.js';
import { ACK, ENQ, EOT, NAK, encodeFrame } from './astm-frame.js';
import { hostData, meterReports } from './hid-reports.js';

/** A result in the simulated meter's memory, in the form the meter prints it. */
export interface StoredGlucose {
  /** As printed: "133", "7.9". */
  readonly value: string;
  readonly unit: 'mg/dL' | 'mmol/L';
  /** YYYYMMDDhhmm. */
  readonly time: string;
  /** Markers as the meter joins them: "B/X", "A/Z4", "C" (control solution). */
  readonly markers?: string;
  /** Reference method letter; every example has P (plasma). */
  readonly reference?: string;
}

export interface ContourFaults {
  /** Send frame n (0 = the header) with a wrong checksum this many times. */
  readonly badChecksum?: { readonly frame: number; readonly times: number };
  /** Answer the host's first EOTs with NAK this many times. */
  readonly busy?: number;
}

export interface ContourSimulatorOptions {
  readonly results: readonly StoredGlucose[];
  /** The header record; defaults to the Contour USB header in glucometerutils' tests. */
  readonly header?: string;
  readonly faults?: ContourFaults;
}

/** glucometerutils drivers/tests/test_contourusb.py: a Contour USB (7390) in mg/dL (U=0). */
export const HEADER_MG_DL =
  'H|\\^&||7w3LBL|Bayer7390^01.24\\01.04\\09.02.20^7390-2336773^7403-|A=1^C=63^G=1^I=0200^R=0^S=1^U=0^V=10600^X=070070070070180130150250^Y=360126090050099050300089^Z=1|1714||||||1|201909221304';
/** glucodump test/test_contourusb.py: a Contour USB (7390) in mmol/L (U=1). */
export const HEADER_MMOL_L =
  'H|\\^&||uvmjq4|Bayer7390^01.20\\01.04\\04.02.19^7390-1163170^7396-|A=1^C=63^G=1^I=0200^R=0^S=1^U=1^V=10600^X=070070070099180135180248^Y=360126090050099050300089^Z=1|209||||||1|201102142249';

/** E1381: a sender gives up on a frame refused six times and ends the message with EOT. */
export const MAX_SENDS = 6;

/**
 * A Contour USB in data-transfer mode, following glucometerutils' `sync` and glucodump's tests:
 * to the host's first EOT it answers with EOT, the header frame and ENQ in one message; each
 * ACK brings the next frame (header again, P, R…, L), frame numbers counting from 1 modulo 8;
 * a NAK brings the same frame again, until it has been sent six times; after the last frame
 * comes EOT. Every frame in the sources ends with ETB, so these do too.
 */
export class ContourSimulator implements HidDeviceModel {
  /** What the host sent, as names: "EOT", "ACK", "NAK". */
  readonly log: string[] = [];
  private readonly frames: Uint8Array[];
  private readonly faults: { checksumFrame: number; checksumTimes: number; busy: number };
  private state: 'idle' | 'establish' | 'sending' | 'done' = 'idle';
  private current = 0;
  private sends = 0;

  constructor(options: ContourSimulatorOptions) {
    const records = [
      options.header ?? HEADER_MG_DL,
      'P|1',
      ...options.results.map(
        (r, i) => `R|${i + 1}|^^^Glucose|${r.value}|${r.unit}^${r.reference ?? 'P'}||${r.markers ?? ''}||${r.time}`,
      ),
      'L|1||N',
    ];
    this.frames = records.map((text, i) => encodeFrame({ number: (i + 1) % 8, text, final: false }));
    const f = options.faults ?? {};
    this.faults = {
      checksumFrame: f.badChecksum?.frame ?? -1,
      checksumTimes: f.badChecksum?.times ?? 0,
      busy: f.busy ?? 0,
    };
  }

  onFeature(): Uint8Array[] {
    return [];
  }

  onOutput(report: Uint8Array): Uint8Array[] {
    const data = hostData(report);
    const control = data?.length === 1 ? data[0] : undefined;
    this.log.push(control === EOT ? 'EOT' : control === ACK ? 'ACK' : control === NAK ? 'NAK' : 'other');
    switch (this.state) {
      case 'idle':
        if (control !== EOT) return [];
        if (this.faults.busy > 0) {
          this.faults.busy--;
          return this.send([NAK]);
        }
        this.state = 'establish';
        return this.send([EOT, ...(this.frames[0] ?? []), ENQ]);
      case 'establish':
        if (control === ACK) {
          this.state = 'sending';
          return this.frame();
        }
        // Not in the sources: a host that does not ACK the ENQ is asked again.
        return this.send([ENQ]);
      case 'sending':
        if (control === ACK) {
          this.current++;
          this.sends = 0;
          return this.frame();
        }
        if (this.sends >= MAX_SENDS) return this.finish();
        return this.frame();
      case 'done':
        return [];
    }
  }

  private frame(): Uint8Array[] {
    const frame = this.frames[this.current];
    if (!frame) return this.finish();
    this.sends++;
    const bytes = frame.slice();
    if (this.current === this.faults.checksumFrame && this.faults.checksumTimes > 0) {
      this.faults.checksumTimes--;
      // The first checksum digit, changed to another hex digit: framing intact, sum wrong.
      const at = bytes.length - 4;
      bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30;
    }
    return this.send([...bytes]);
  }

  private finish(): Uint8Array[] {
    this.state = 'done';
    return this.send([EOT]);
  }

  private send(bytes: readonly number[]): Uint8Array[] {
    return meterReports(Uint8Array.from(bytes));
  }
}
