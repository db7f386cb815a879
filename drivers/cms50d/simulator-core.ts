import type { ByteTransport } from '../core/transport.js';
import type { StoredReading } from './legacy-download-frame.js';
import { beatBetween, plethAt } from './pleth-wave.js';

export interface SimulatorOptions {
  readonly spo2?: number;
  readonly pulse?: number;
  /** Packets a second, 60 by default. */
  readonly sampleRate?: number;
  /** What the device has recorded, one reading per second. */
  readonly stored?: readonly StoredReading[];
  /** Timer period for pacing; packets due are sent on each tick. */
  readonly tickMs?: number;
}

/** Everything a packet is built from. */
export interface SampleState {
  readonly pleth: number;
  readonly beat: boolean;
  readonly spo2: number;
  readonly pulse: number;
  readonly fingerOut: boolean;
  readonly searching: boolean;
  readonly probeError: boolean;
}

type Fault = { kind: 'corrupt'; values?: Partial<StoredReading> } | { kind: 'truncate' };

/**
 * The device side shared by both generations: real-time pacing (packets due since the stream
 * started are sent on each timer tick, so the average rate is exact), the readings the test
 * sets, and faults. The generation decides the bytes and answers the host.
 */
export abstract class SimulatorCore {
  /** Pleth samples in the packets that went out intact, in order. */
  readonly sentPleth: number[] = [];
  /** Packets sent corrupted or truncated: the station can only see them as lost. */
  lost = 0;
  protected reading: StoredReading;
  protected readonly stored: readonly StoredReading[];
  protected condition = { fingerOut: false, searching: false, probeError: false };
  private streaming = false;
  private startedAt = 0;
  private produced = 0;
  private faults: Fault[] = [];
  private outgoing: Uint8Array[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly sampleRate: number;

  constructor(
    protected readonly transport: ByteTransport,
    options: SimulatorOptions,
  ) {
    this.reading = { spo2: options.spo2 ?? 97, pulse: options.pulse ?? 72 };
    this.validate(this.reading);
    this.stored = options.stored ?? [];
    this.sampleRate = options.sampleRate ?? 60;
    transport.onData((chunk) => this.fromHost(chunk));
    transport.onClose(() => this.stop());
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 10);
    this.timer.unref();
  }

  get isStreaming(): boolean {
    return this.streaming;
  }

  setReading(reading: StoredReading): void {
    this.validate(reading);
    this.reading = reading;
  }

  fingerOut(on = true): void {
    this.condition = { ...this.condition, fingerOut: on };
  }

  searching(on = true): void {
    this.condition = { ...this.condition, searching: on };
  }

  /** The next packet goes out with its framing broken (optionally carrying these values). */
  corruptNextFrame(values?: Partial<StoredReading>): void {
    if (values) this.validate(values);
    this.faults.push({ kind: 'corrupt', ...(values ? { values } : {}) });
  }

  /** The next packet goes out cut short. */
  truncateNextFrame(): void {
    this.faults.push({ kind: 'truncate' });
  }

  /** Bytes that are not packets, sent between two packets. */
  sendGarbage(bytes: Uint8Array): void {
    this.outgoing.push(bytes.slice());
  }

  stop(): void {
    clearInterval(this.timer);
    this.streaming = false;
    this.outgoing = [];
  }

  /** Throws for readings the generation cannot send live (checked before any timer runs). */
  protected validate(_reading: Partial<StoredReading>): void {}

  protected abstract fromHost(chunk: Uint8Array): void;
  protected abstract encode(state: SampleState): Uint8Array;
  /** A copy of `frame` that the protocol's framing rules reject. */
  protected abstract breakFraming(frame: Uint8Array): Uint8Array;

  protected startStreaming(): void {
    if (this.streaming) return;
    this.streaming = true;
    this.startedAt = Date.now();
    this.produced = 0;
  }

  protected stopStreaming(): void {
    this.streaming = false;
  }

  /** Queues bytes (a stored-data dump) to go out in pieces, as a real link paces them. */
  protected sendPaced(bytes: Uint8Array, piece = 256): void {
    for (let at = 0; at < bytes.length; at += piece) this.outgoing.push(bytes.slice(at, at + piece));
  }

  private tick(): void {
    const parts = this.outgoing.splice(0, 4);
    if (this.streaming) {
      const due = Math.floor(((Date.now() - this.startedAt) * this.sampleRate) / 1000);
      for (; this.produced < due; this.produced++) parts.push(this.nextPacket(this.produced / this.sampleRate));
    }
    if (parts.length === 0) return;
    const bytes = Uint8Array.from(parts.flatMap((p) => Array.from(p)));
    this.transport.write(bytes).catch(() => this.stop());
  }

  private nextPacket(t: number): Uint8Array {
    const { fingerOut, searching, probeError } = this.condition;
    const noSignal = fingerOut || searching || probeError;
    const dt = 1 / this.sampleRate;
    const fault = this.faults.shift();
    const reading = { ...this.reading, ...(fault?.kind === 'corrupt' ? fault.values : {}) };
    const state: SampleState = {
      ...this.condition,
      pleth: fingerOut || probeError ? 0 : plethAt(t, this.reading.pulse),
      beat: !noSignal && beatBetween(t - dt, t, this.reading.pulse),
      // What the device sends when it has no reading is 127 (protocols.md).
      spo2: noSignal ? 127 : reading.spo2,
      pulse: noSignal ? 127 : reading.pulse,
    };
    const frame = this.encode(state);
    if (!fault) {
      this.sentPleth.push(state.pleth);
      return frame;
    }
    this.lost++;
    return fault.kind === 'corrupt' ? this.breakFraming(frame) : frame.slice(0, Math.ceil(frame.length / 2));
  }
}
