import { fromHex, hex } from '../core/byte-buffer.js';
import { DriverError } from '../core/errors.js';
import type { ReportTransport } from '../core/transport.js';

/**
 * One step of a HID conversation: the host writes a report (`=>`), sends a feature report
 * (`F>`), or the device answers with an input report (`<=`).
 */
export interface TranscriptStep {
  readonly dir: '=>' | 'F>' | '<=';
  readonly bytes: Uint8Array;
}

/** Parses a transcript: one step per line, `# comments` and blank lines ignored. */
export function parseTranscript(text: string): TranscriptStep[] {
  return text.split('\n').flatMap((raw, i) => {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) return [];
    const match = /^(=>|F>|<=)\s+(.*)$/.exec(line);
    if (!match) throw new Error(`transcript line ${i + 1}: expected "=>", "F>" or "<=": ${raw}`);
    return [{ dir: match[1] as TranscriptStep['dir'], bytes: fromHex(match[2] ?? '') }];
  });
}

export const formatTranscript = (steps: readonly TranscriptStep[]): string =>
  steps.map((s) => `${s.dir} ${hex(s.bytes)}`).join('\n') + '\n';

/**
 * Plays a recorded conversation back to a driver. Every write must be exactly the next
 * recorded request; anything else is recorded as a mismatch, fails the exchange and makes
 * `assertDone` throw, so a test cannot pass while the driver says something unexpected.
 * Reports shorter than the recorded ones are compared on the recorded length, zero-padded.
 */
export class ReplayTransport implements ReportTransport {
  private position = 0;
  private mismatch: string | null = null;
  private unplugged = false;

  constructor(
    private readonly steps: readonly TranscriptStep[],
    readonly path = 'replay',
  ) {}

  static fromText(text: string, path?: string): ReplayTransport {
    return new ReplayTransport(parseTranscript(text), path);
  }

  /** From now on every operation fails as if the cable were pulled. */
  unplug(): void {
    this.unplugged = true;
  }

  private expectHost(dir: '=>' | 'F>', report: Uint8Array): void {
    if (this.unplugged) throw new DriverError('disconnected', `${this.path}: device unplugged`);
    const step = this.steps[this.position];
    const padded = new Uint8Array(Math.max(report.length, step?.bytes.length ?? 0));
    padded.set(report);
    if (!step || step.dir !== dir || hex(padded) !== hex(padEnd(step.bytes, padded.length))) {
      this.mismatch ??= `step ${this.position + 1}: host sent ${dir} ${hex(report)}, transcript expects ${
        step ? `${step.dir} ${hex(step.bytes)}` : 'nothing more'
      }`;
      throw new DriverError('protocol', `unexpected request: ${this.mismatch}`);
    }
    this.position++;
  }

  write(report: Uint8Array): Promise<void> {
    try {
      this.expectHost('=>', report);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  sendFeatureReport(report: Uint8Array): Promise<void> {
    try {
      this.expectHost('F>', report);
      return Promise.resolve();
    } catch (error) {
      return Promise.reject(error as Error);
    }
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    if (this.unplugged) return Promise.reject(new DriverError('disconnected', `${this.path}: device unplugged`));
    const step = this.steps[this.position];
    if (!step || step.dir !== '<=') {
      // The device has nothing to say until the host asks: a real device would time out.
      return new Promise((_, reject) =>
        setTimeout(
          () => reject(new DriverError('timeout', `${this.path}: no report within ${timeoutMs} ms`)),
          Math.min(timeoutMs, 5),
        ),
      );
    }
    this.position++;
    return Promise.resolve(step.bytes.slice());
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  /** Throws unless the driver said exactly what the transcript holds, all of it. */
  assertDone(): void {
    if (this.mismatch) throw new Error(`transcript mismatch at ${this.mismatch}`);
    if (this.position !== this.steps.length) {
      throw new Error(`transcript not finished: ${this.steps.length - this.position} steps left`);
    }
  }
}

function padEnd(bytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(Math.max(length, bytes.length));
  out.set(bytes);
  return out;
}

/** Wraps a real HID transport and keeps the conversation, to turn into a fixture. */
export function recording(transport: ReportTransport): { transport: ReportTransport; steps: TranscriptStep[] } {
  const steps: TranscriptStep[] = [];
  return {
    steps,
    transport: {
      path: transport.path,
      write: async (report) => {
        steps.push({ dir: '=>', bytes: report.slice() });
        await transport.write(report);
      },
      sendFeatureReport: async (report) => {
        steps.push({ dir: 'F>', bytes: report.slice() });
        await transport.sendFeatureReport(report);
      },
      read: async (timeoutMs) => {
        const report = await transport.read(timeoutMs);
        steps.push({ dir: '<=', bytes: report.slice() });
        return report;
      },
      close: () => transport.close(),
    },
  };
}
