import { ByteBuffer } from '../core/byte-buffer.js';
import type { DeviceSession } from '../core/driver.js';
import { Emitter } from '../core/emitter.js';
import { DriverError, driverErrorOf } from '../core/errors.js';
import type { DeviceIdentity, DriverEvent } from '../core/events.js';
import { withTimeout } from '../core/exchange.js';
import type { ByteTransport } from '../core/transport.js';
import { WaveformBatcher } from './batcher.js';
import { twelveLeads } from './leads.js';
import { CytonDecoder } from './packet-decoder.js';
import { COMMAND, SAMPLE_RATE_CODE, microvoltsPerCount } from './protocol.js';
import type { CytonPacket, CytonSampleRate } from './protocol.js';
import { QuietClock } from './quiet-clock.js';
import { SampleSequencer } from './sequence.js';
import { parseBanner, parseSampleRateReply, replyEnd, replyText } from './text-reply.js';

export interface CytonSessionOptions {
  /** 250 (the Cyton default) or 500 samples/s; 500 needs firmware v3 and a faster link. */
  readonly sampleRate?: CytonSampleRate;
  /** The PGA gain the channels are set to (24 after a reset). */
  readonly gain?: number;
  /** The ADC reference in volts: 4.5 on the Cyton's ADS1299; check the board for an ADS1298. */
  readonly referenceVolts?: number;
  /** How much signal each waveform event carries, in ms. */
  readonly batchMs?: number;
  /** How long to wait for a text reply ending in `$$$`. */
  readonly replyTimeoutMs?: number;
  /** Quiet time after which the stream is reported as silent. */
  readonly silenceMs?: number;
  /** A monotonic clock in ms (performance.now unless a test gives one). */
  readonly now?: () => number;
}

type Phase = 'idle' | 'text' | 'streaming' | 'closed';

const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
/** Text replies are short; this only bounds what packets still in flight can pile up. */
const TEXT_LIMIT = 8 * 1024;

/**
 * One ECG front end on a serial link. `start` resets the board (`v`), sets the sample rate
 * when the firmware can, and starts the stream (`b`); packets become 12-lead waveform events
 * whose `seq` is rebuilt from the wrapping counter, and lost packets become gap events.
 */
export class CytonSession implements DeviceSession {
  private readonly events = new Emitter<DriverEvent>();
  private readonly decoder = new CytonDecoder();
  private readonly sequencer: SampleSequencer;
  private readonly batcher: WaveformBatcher;
  private readonly clock: QuietClock;
  private readonly sampleRate: CytonSampleRate;
  private readonly scale: number;
  private readonly batchMs: number;
  private readonly replyTimeoutMs: number;
  private readonly silenceMs: number;
  private phase: Phase = 'idle';
  private readonly text = new ByteBuffer(TEXT_LIMIT);
  private waiter: { resolve: (text: string) => void; reject: (error: Error) => void } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private silent = false;
  private starting: Promise<void> | null = null;
  private quietSincePacket = 0;
  private info: DeviceIdentity;

  constructor(
    private readonly transport: ByteTransport,
    identity: DeviceIdentity,
    options: CytonSessionOptions = {},
  ) {
    this.info = identity;
    this.sampleRate = options.sampleRate ?? 250;
    this.scale = microvoltsPerCount(options.gain ?? 24, options.referenceVolts);
    this.batchMs = options.batchMs ?? 40;
    this.replyTimeoutMs = options.replyTimeoutMs ?? 3_000;
    this.silenceMs = options.silenceMs ?? 500;
    const now = options.now ?? (() => performance.now());
    this.sequencer = new SampleSequencer(this.sampleRate);
    this.batcher = new WaveformBatcher(
      this.sampleRate,
      Math.max(1, Math.round((this.sampleRate * this.batchMs) / 1000)),
      // Derived leads average two counts (aVR = −(I + II)/2): every lead is a multiple of half a count.
      this.scale / 2,
    );
    this.clock = new QuietClock(now, this.batchMs);
    transport.onData((chunk) => this.onData(chunk));
    transport.onClose((error) => this.onLinkClosed(error));
  }

  /** Firmware is filled in from the reset banner once `start` has run. */
  get identity(): DeviceIdentity {
    return this.info;
  }

  on(listener: (event: DriverEvent) => void): () => void {
    return this.events.on(listener);
  }

  start(): Promise<void> {
    if (this.phase === 'closed') {
      return Promise.reject(new DriverError('disconnected', `${this.transport.path}: session is closed`));
    }
    if (this.phase === 'streaming') return Promise.resolve();
    // A second caller while the board is being reset shares the first one's outcome.
    this.starting ??= this.begin().finally(() => (this.starting = null));
    return this.starting;
  }

  private async begin(): Promise<void> {
    this.events.emit({ type: 'status', state: 'connecting' });
    try {
      await this.configure();
      this.events.emit({ type: 'status', state: 'connected' });
      this.decoder.reset();
      this.sequencer.reset();
      this.clock.reset();
      this.silent = false;
      this.quietSincePacket = 0;
      this.phase = 'streaming';
      this.timer = setInterval(() => this.tick(), this.batchMs);
      this.timer.unref();
      await this.send(COMMAND.start);
      this.events.emit({ type: 'status', state: 'measuring' });
    } catch (failure) {
      const error = driverErrorOf(failure);
      // The link may have closed while we waited (TypeScript cannot see that across awaits).
      if (!this.isClosed()) {
        this.stopTimer();
        this.phase = 'idle';
        this.events.emit({ type: 'error', kind: error.kind, code: error.code, message: error.message });
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.phase === 'closed') {
      await this.transport.close().catch(() => undefined);
      return;
    }
    const wasStreaming = this.phase === 'streaming';
    this.phase = 'closed';
    this.stopTimer();
    this.waiter?.reject(new DriverError('disconnected', `${this.transport.path}: session closed`));
    // Stop the board so it is quiet for whoever opens the port next; a dead link is no error here.
    if (wasStreaming) await withTimeout(this.send(COMMAND.stop), 500, 'stop').catch(() => undefined);
    this.flush();
    await this.transport.close().catch(() => undefined);
    this.events.emit({ type: 'status', state: 'disconnected', reason: 'closed' });
  }

  /** Reset, then the sample rate where the firmware has the `~` command. */
  private async configure(): Promise<void> {
    const board = parseBanner(await this.ask(COMMAND.reset));
    if (board.firmware) this.info = { ...this.info, firmware: board.firmware };
    if (board.firmwareMajor >= 3) {
      const reply = await this.ask(COMMAND.sampleRate + SAMPLE_RATE_CODE[this.sampleRate]);
      if (parseSampleRateReply(reply) !== this.sampleRate) {
        throw new DriverError(
          'device',
          `asked for ${this.sampleRate} samples/s, the board answered "${reply.trim()}"`,
          'ecg.sample_rate_refused',
        );
      }
    } else if (this.sampleRate !== 250) {
      throw new DriverError(
        'device',
        `firmware ${board.firmware ?? 'v1'} has no sample-rate command and streams at 250 samples/s only`,
        'ecg.sample_rate_unsupported',
      );
    }
  }

  /** Sends a command and waits for its text reply ending in `$$$`. */
  private async ask(command: string): Promise<string> {
    this.phase = 'text';
    this.text.clear();
    const reply = new Promise<string>((resolve, reject) => (this.waiter = { resolve, reject }));
    try {
      await this.send(command);
      return await withTimeout(reply, this.replyTimeoutMs, `ECG front end, reply to "${command}"`);
    } finally {
      this.waiter = null;
      reply.catch(() => undefined);
    }
  }

  private async send(command: string): Promise<void> {
    try {
      await this.transport.write(ascii(command));
    } catch (error) {
      throw driverErrorOf(error, 'disconnected');
    }
  }

  private onData(chunk: Uint8Array): void {
    if (this.phase === 'text') this.onText(chunk);
    else if (this.phase === 'streaming') this.onStream(chunk);
  }

  private onText(chunk: Uint8Array): void {
    this.text.append(chunk);
    const end = replyEnd(this.text.view);
    if (end >= 0) this.waiter?.resolve(replyText(this.text.view, end));
  }

  private onStream(chunk: Uint8Array): void {
    const { at, quietMs } = this.clock.arrival();
    // A chunk with only part of a packet still ends the quiet; the packet it completes later
    // is charged with all the quiet time since the previous packet.
    this.quietSincePacket += quietMs;
    for (const packet of this.decoder.push(chunk)) {
      this.place(packet, at, this.quietSincePacket);
      this.quietSincePacket = 0;
    }
  }

  private place(packet: CytonPacket, at: number, quietMs: number): void {
    const placed = this.sequencer.place(packet.counter, at, quietMs);
    if (placed.kind === 'implausible') {
      this.events.emit({
        type: 'error',
        kind: 'protocol',
        code: 'ecg.counter_implausible',
        message: `sample counter ${packet.counter} claims ${placed.lost} lost packets, more than the time allows; packet not used`,
      });
      return;
    }
    if (placed.lost > 0) {
      this.flush();
      this.events.emit({ type: 'gap', seq: placed.seq - placed.lost, count: placed.lost });
      // The counter cannot tell 256 lost from none; this gap's size came from the quiet time.
      if (placed.fromTiming) this.events.emit({ type: 'status', state: 'measuring', reason: 'gap_size_from_timing' });
    }
    if (this.silent) {
      this.silent = false;
      this.events.emit({ type: 'status', state: 'measuring', reason: 'signal_resumed' });
    }
    this.batcher.add(placed.seq, twelveLeads(packet.counts, this.scale));
    if (this.batcher.full) this.flush();
  }

  private tick(): void {
    this.clock.tick();
    const quiet = this.clock.quietFor();
    if (quiet >= this.batchMs) this.flush();
    if (quiet >= this.silenceMs && !this.silent) {
      this.silent = true;
      this.events.emit({ type: 'status', state: 'no-signal', reason: 'stream_silent' });
    }
  }

  private flush(): void {
    const waveform = this.batcher.take();
    if (waveform) this.events.emit(waveform);
  }

  private isClosed(): boolean {
    return this.phase === 'closed';
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private onLinkClosed(error: Error | null): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.stopTimer();
    this.flush();
    const reason = driverErrorOf(error ?? new DriverError('disconnected', `${this.transport.path} closed`));
    this.waiter?.reject(new DriverError('disconnected', reason.message, 'ecg.disconnected', { cause: error }));
    this.events.emit({ type: 'status', state: 'disconnected', reason: 'link_lost' });
  }
}
