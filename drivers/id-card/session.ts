import { hex } from '../core/byte-buffer.js';
import type { DeviceSession } from '../core/driver.js';
import { Emitter } from '../core/emitter.js';
import { DriverError, driverErrorOf } from '../core/errors.js';
import type { DeviceIdentity, DeviceState, DriverEvent } from '../core/events.js';
import { ExchangeQueue, withTimeout } from '../core/exchange.js';
import type { ByteTransport } from '../core/transport.js';
import { cardOf } from './card.js';
import { COMMANDS, encodeRequest, ReplyDecoder, requestOf, SW3 } from './messages.js';
import type { Command, Reply } from './messages.js';

export interface IdCardSessionOptions {
  /** Pause between looks for a card (the source's own loop uses 500 ms). */
  readonly pollMs?: number;
  /** How long status, find and select may take to answer. */
  readonly timeoutMs?: number;
  /** How long reading text and photo may take: the module reads the chip over the air first. */
  readonly readTimeoutMs?: number;
}

const statusText = (reply: Reply) => hex(Uint8Array.of(reply.sw1, reply.sw2, reply.sw3));

/**
 * A 2nd-generation ID card reader on a serial link. Once started it looks for a card every
 * `pollMs` (find → select → read, one exchange at a time) and reports each card once per
 * presentation: a card left lying on the reader is not read again until it has been lifted.
 */
export class IdCardSession implements DeviceSession {
  private readonly events = new Emitter<DriverEvent>();
  private readonly decoder = new ReplyDecoder();
  private readonly queue = new ExchangeQueue();
  private readonly pollMs: number;
  private readonly timeoutMs: number;
  private readonly readTimeoutMs: number;
  private pending: { resolve(reply: Reply): void; reject(error: Error): void } | null = null;
  private state = '';
  private started = false;
  private closed = false;
  private released = false;
  /** The card on the reader has been reported; do not read it again until it is lifted. */
  private present = false;
  /** The last error reported: the same failure on every poll is reported once. */
  private lastError: string | null = null;
  private sleeping: { timer: NodeJS.Timeout; wake: () => void } | null = null;

  constructor(
    private readonly transport: ByteTransport,
    readonly identity: DeviceIdentity,
    options: IdCardSessionOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 500;
    this.timeoutMs = options.timeoutMs ?? 1_000;
    this.readTimeoutMs = options.readTimeoutMs ?? 3_000;
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose(() => this.gone());
  }

  on(listener: (event: DriverEvent) => void): () => void {
    return this.events.on(listener);
  }

  /** Checks that a reader answers (SAM status), then starts looking for cards. */
  async start(): Promise<void> {
    if (this.started) return;
    if (this.closed) throw new DriverError('disconnected', `${this.identity.port}: session closed`);
    this.started = true;
    this.setState('connecting');
    try {
      const status = await this.exchange(COMMANDS.status, this.timeoutMs);
      if (status.sw3 !== SW3.ok) {
        throw new DriverError('device', `SAM status ${statusText(status)}`, 'id_card.sam_fault');
      }
    } catch (error) {
      this.started = false;
      throw driverErrorOf(error);
    }
    this.setState('connected');
    void this.loop();
  }

  async close(): Promise<void> {
    this.gone();
    if (this.released) return;
    this.released = true;
    await this.transport.close();
  }

  private async loop(): Promise<void> {
    while (!this.closed) {
      try {
        await this.poll();
      } catch (error) {
        if (this.closed) return;
        const failure = driverErrorOf(error);
        if (failure.kind === 'disconnected') return this.gone();
        this.report(failure);
      }
      await this.sleep(this.pollMs);
    }
  }

  private async poll(): Promise<void> {
    const found = await this.exchange(COMMANDS.find, this.timeoutMs);
    if (found.sw3 === SW3.noCard) {
      this.present = false;
      this.lastError = null;
      this.setState('no-signal', 'no_card');
      return;
    }
    if (found.sw3 !== SW3.found) throw this.refused(COMMANDS.find, found, 'id_card.find_failed');
    if (this.present) return;
    const selected = await this.exchange(COMMANDS.select, this.timeoutMs);
    if (selected.sw3 !== SW3.ok) throw this.refused(COMMANDS.select, selected, 'id_card.select_failed');
    const read = await this.exchange(COMMANDS.read, this.readTimeoutMs);
    if (read.sw3 !== SW3.ok) throw this.refused(COMMANDS.read, read, 'id_card.read_failed');
    const card = cardOf(read.data);
    this.present = true;
    this.lastError = null;
    this.setState('connected', 'card_present');
    this.events.emit({ type: 'id-card', card });
  }

  private refused(command: Command, reply: Reply, code: string): DriverError {
    return new DriverError('device', `${this.identity.port}: ${command.name} answered ${statusText(reply)}`, code);
  }

  /** Sends one command and waits for its reply; bytes from before the command are not its reply. */
  private exchange(command: Command, timeoutMs: number): Promise<Reply> {
    return this.queue.run(async () => {
      if (this.closed) throw new DriverError('disconnected', `${this.identity.port}: session closed`);
      // A reply cut short by a previous timeout would otherwise swallow this one's first bytes.
      this.decoder.reset();
      const reply = new Promise<Reply>((resolve, reject) => (this.pending = { resolve, reject }));
      // Rejected while the write is still in flight (a pulled cable) must not count as unhandled.
      reply.catch(() => undefined);
      try {
        await this.transport.write(encodeRequest(requestOf(command)));
        return await withTimeout(reply, timeoutMs, `${this.identity.port}: ${command.name}`);
      } finally {
        this.pending = null;
      }
    });
  }

  private onData(chunk: Uint8Array): void {
    if (this.closed) return;
    const failures = this.decoder.checksumFailures;
    const replies = this.decoder.push(chunk);
    if (this.decoder.checksumFailures > failures) {
      const error = new DriverError(
        'checksum',
        `${this.identity.port}: reply with a bad XOR dropped`,
        'id_card.checksum',
      );
      // Fail the exchange now rather than let it run into its timeout.
      if (this.pending) this.settle()?.reject(error);
      else this.report(error);
    }
    // A reply nobody asked for (a late one after a timeout) is ignored.
    for (const reply of replies) this.settle()?.resolve(reply);
  }

  private settle() {
    const pending = this.pending;
    this.pending = null;
    return pending;
  }

  private report(error: DriverError): void {
    if (error.code === this.lastError) return;
    this.lastError = error.code;
    this.events.emit({ type: 'error', kind: error.kind, code: error.code, message: error.message });
  }

  private gone(): void {
    if (this.closed) return;
    this.closed = true;
    this.settle()?.reject(new DriverError('disconnected', `${this.identity.port}: link closed`));
    if (this.sleeping) {
      clearTimeout(this.sleeping.timer);
      this.sleeping.wake();
      this.sleeping = null;
    }
    this.setState('disconnected');
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const wake = () => resolve();
      this.sleeping = {
        wake,
        timer: setTimeout(() => {
          this.sleeping = null;
          wake();
        }, ms),
      };
    });
  }

  private setState(state: DeviceState, reason?: string): void {
    const key = `${state}/${reason ?? ''}`;
    if (key === this.state) return;
    this.state = key;
    this.events.emit(reason === undefined ? { type: 'status', state } : { type: 'status', state, reason });
  }
}
