import type { DeviceSession } from '../core/driver.js';
import { Emitter } from '../core/emitter.js';
import { DriverError, driverErrorOf } from '../core/errors.js';
import type { DeviceIdentity, DriverEvent } from '../core/events.js';
import { ExchangeQueue } from '../core/exchange.js';
import type { ByteTransport } from '../core/transport.js';

export interface SessionOptions {
  /** Clock for measurement times and throttling (tests pass their own). */
  readonly now?: () => number;
  /** Minimum time between measurement events, default 1000 ms. */
  readonly measurementIntervalMs?: number;
  /** How long a download may go without a byte before it is over (4.6) or failed (legacy). */
  readonly downloadIdleMs?: number;
}

/**
 * What both generations' sessions share: the event emitter, one download at a time, writes
 * mapped to DriverErrors, and the end of the link reported once as a disconnected status
 * (plus an error event when the station did not close it itself).
 */
export abstract class OximeterSession implements DeviceSession {
  protected readonly events = new Emitter<DriverEvent>();
  protected readonly queue = new ExchangeQueue();
  protected readonly now: () => number;
  protected gone = false;
  private closing = false;
  private readonly goneListeners = new Set<(error: DriverError) => void>();

  constructor(
    readonly identity: DeviceIdentity,
    protected readonly transport: ByteTransport,
    options: SessionOptions,
  ) {
    this.now = options.now ?? Date.now;
    transport.onData((chunk) => {
      if (!this.gone) this.onBytes(chunk);
    });
    transport.onClose((error) => this.linkGone(error));
  }

  on(listener: (event: DriverEvent) => void): () => void {
    return this.events.on(listener);
  }

  abstract start(): Promise<void>;
  protected abstract onBytes(chunk: Uint8Array): void;
  /** Stops timers; called once when the link goes or the session closes. */
  protected abstract halt(): void;
  /** Last words to the device before the link is closed (best effort). */
  protected async farewell(): Promise<void> {}

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (!this.gone) await this.farewell().catch(() => undefined);
    this.halt();
    await this.transport.close().catch(() => undefined);
    this.linkGone(null);
  }

  protected async write(bytes: Uint8Array): Promise<void> {
    if (this.gone) throw new DriverError('disconnected', `${this.identity.port} is closed`);
    try {
      await this.transport.write(bytes);
    } catch (error) {
      throw driverErrorOf(error, 'disconnected');
    }
  }

  /** Writes without waiting or failing: periodic commands whose loss the next one repairs. */
  protected send(bytes: Uint8Array): void {
    this.write(bytes).catch(() => undefined);
  }

  protected assertOpen(): void {
    if (this.gone || this.closing) throw new DriverError('disconnected', `${this.identity.port} is closed`);
  }

  /** Calls `listener` if the link goes while something waits on the device. */
  protected whenGone(listener: (error: DriverError) => void): () => void {
    this.goneListeners.add(listener);
    return () => this.goneListeners.delete(listener);
  }

  private linkGone(error: Error | null): void {
    if (this.gone) return;
    this.gone = true;
    this.halt();
    const reason = driverErrorOf(
      error ?? new DriverError('disconnected', `${this.identity.port} closed`),
      'disconnected',
    );
    this.events.emit({ type: 'status', state: 'disconnected' });
    if (!this.closing)
      this.events.emit({ type: 'error', kind: reason.kind, code: reason.code, message: reason.message });
    for (const listener of this.goneListeners) listener(reason);
  }
}
