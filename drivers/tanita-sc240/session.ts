import { Emitter } from '../core/emitter.js';
import type { DeviceSession } from '../core/driver.js';
import type { DeviceIdentity, DeviceState, DriverEvent } from '../core/events.js';
import type { ByteTransport } from '../core/transport.js';
import { ScaleLineDecoder } from './decoder.js';
import { measurementsOf } from './measurements.js';

export interface ScaleSessionOptions {
  /**
   * A line begun but not finished for this long is abandoned when the next bytes come. The
   * scale sends each line in one go (at 9600 baud a full line takes well under a second), so
   * a long silence inside a line means the start was noise or the line was cut off; without
   * this, that fragment would join the next real line and spoil it too.
   */
  readonly staleLineMs?: number;
  /** The clock, for tests. */
  readonly now?: () => Date;
}

/**
 * A Tanita SC-240 on a serial link. The scale only talks: it sends one line per weighing, so
 * the session listens and turns each well-formed line into measurements.
 */
export class ScaleSession implements DeviceSession {
  private readonly events = new Emitter<DriverEvent>();
  private readonly decoder = new ScaleLineDecoder();
  private readonly staleLineMs: number;
  private readonly now: () => Date;
  private started = false;
  private closed = false;
  private released = false;
  private lastChunkAt = 0;
  private state: DeviceState = 'connecting';

  constructor(
    private readonly transport: ByteTransport,
    readonly identity: DeviceIdentity,
    options: ScaleSessionOptions = {},
  ) {
    this.staleLineMs = options.staleLineMs ?? 1_000;
    this.now = options.now ?? (() => new Date());
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose(() => this.gone());
  }

  on(listener: (event: DriverEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.started = true;
    // The scale has nothing to ask: an open link is all "connected" can mean here.
    this.setState('connected');
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.gone();
    if (this.released) return;
    this.released = true;
    await this.transport.close();
  }

  private onData(chunk: Uint8Array): void {
    if (!this.started || this.closed) return;
    const before = this.decoder.dropped;
    const at = this.now().getTime();
    if (this.decoder.pending > 0 && at - this.lastChunkAt > this.staleLineMs) this.decoder.discardPartial();
    this.lastChunkAt = at;
    const lines = this.decoder.push(chunk);
    const dropped = this.decoder.dropped - before;
    if (dropped > 0) {
      this.events.emit({
        type: 'error',
        kind: 'protocol',
        code: 'scale.malformed_line',
        message: `${this.identity.port}: ${dropped} malformed line(s) from the scale dropped`,
      });
    }
    for (const line of lines) {
      const time = this.now().toISOString();
      for (const measurement of measurementsOf(line, time)) this.events.emit(measurement);
    }
  }

  private gone(): void {
    if (this.closed) return;
    this.closed = true;
    this.decoder.reset();
    this.setState('disconnected');
  }

  private setState(state: DeviceState): void {
    if (state === this.state) return;
    this.state = state;
    this.events.emit({ type: 'status', state });
  }
}
