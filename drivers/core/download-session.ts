import type { DeviceSession } from './driver.js';
import { Emitter } from './emitter.js';
import { DriverError, driverErrorOf } from './errors.js';
import type { DriverErrorKind } from './errors.js';
import type { DeviceIdentity, DeviceState, DriverEvent, Measurement } from './events.js';
import { ExchangeQueue } from './exchange.js';
import type { ReportTransport } from './transport.js';

/**
 * What the HID meters that only hold stored readings (Omron cuff, Contour glucometer) share:
 * nothing runs live, so "connected" just means the link is open; downloads run one at a time;
 * a link failure is reported as an error event, and as a disconnected status when it is one.
 * A subclass supplies the download itself and the error code its closed session throws.
 */
export abstract class DownloadSession implements DeviceSession {
  protected readonly events = new Emitter<DriverEvent>();
  private readonly queue = new ExchangeQueue();
  private closed = false;
  private state: DeviceState = 'connecting';

  abstract readonly identity: DeviceIdentity;

  constructor(
    protected readonly transport: ReportTransport,
    private readonly closedCode: string,
  ) {}

  on(listener: (event: DriverEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): Promise<void> {
    if (!this.closed) this.setState('connected');
    return Promise.resolve();
  }

  download(): Promise<Measurement[]> {
    return this.queue.run(() => this.downloadNow());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.setState('disconnected');
    await this.transport.close();
  }

  /** The whole download, run inside the queue. */
  protected abstract downloadNow(): Promise<Measurement[]>;

  protected ensureOpen(): void {
    if (this.closed) throw new DriverError('disconnected', `${this.identity.port}: session closed`, this.closedCode);
  }

  /** Reports a download's failure and returns it as the DriverError to reject with. */
  protected failed(error: unknown): DriverError {
    const failure = driverErrorOf(error);
    this.report(failure.kind, failure.code, failure.message);
    if (failure.kind === 'disconnected') this.setState('disconnected');
    return failure;
  }

  protected report(kind: DriverErrorKind, code: string, message: string): void {
    this.events.emit({ type: 'error', kind, code, message });
  }

  private setState(state: DeviceState): void {
    if (state === this.state) return;
    this.state = state;
    this.events.emit({ type: 'status', state });
  }
}
