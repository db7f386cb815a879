import { DriverError } from '../core/errors.js';
import type { ReportTransport } from '../core/transport.js';

/** The device side of a simulated HID device: answers each report the host sends. */
export interface HidDeviceModel {
  /** Input reports to queue in answer to an output report (may be none). */
  onOutput(report: Uint8Array): Uint8Array[];
  onFeature(report: Uint8Array): Uint8Array[];
}

/**
 * A HID device simulated in process: the driver talks to `model` through the same
 * ReportTransport interface a real device has. Used by browser mode (no hardware) and by
 * tests that need a conversation longer than a transcript.
 */
export class SimulatedHid implements ReportTransport {
  private readonly queue: Uint8Array[] = [];
  private waiting: ((report: Uint8Array | Error) => void) | null = null;
  private unplugged = false;

  constructor(
    private readonly model: HidDeviceModel,
    readonly path: string,
  ) {}

  unplug(): void {
    this.unplugged = true;
    this.deliver(new DriverError('disconnected', `${this.path}: device unplugged`));
  }

  private deliver(item: Uint8Array | Error): void {
    const waiting = this.waiting;
    if (waiting) {
      this.waiting = null;
      waiting(item);
    } else if (item instanceof Uint8Array) this.queue.push(item);
  }

  private answer(reports: Uint8Array[]): void {
    for (const report of reports) this.deliver(report);
  }

  write(report: Uint8Array): Promise<void> {
    if (this.unplugged) return Promise.reject(new DriverError('disconnected', `${this.path}: device unplugged`));
    this.answer(this.model.onOutput(report.slice()));
    return Promise.resolve();
  }

  sendFeatureReport(report: Uint8Array): Promise<void> {
    if (this.unplugged) return Promise.reject(new DriverError('disconnected', `${this.path}: device unplugged`));
    this.answer(this.model.onFeature(report.slice()));
    return Promise.resolve();
  }

  read(timeoutMs: number): Promise<Uint8Array> {
    if (this.unplugged) return Promise.reject(new DriverError('disconnected', `${this.path}: device unplugged`));
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new DriverError('timeout', `${this.path}: no report within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = (item) => {
        clearTimeout(timer);
        if (item instanceof Error) reject(item);
        else resolve(item);
      };
    });
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
