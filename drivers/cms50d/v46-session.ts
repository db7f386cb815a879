import type { DeviceIdentity, Measurement } from '../core/events.js';
import { withTimeout } from '../core/exchange.js';
import type { ByteTransport } from '../core/transport.js';
import { idleWait } from './idle-wait.js';
import type { StoredReading } from './legacy-download-frame.js';
import { LiveReporter } from './live-reporter.js';
import type { LiveSample } from './live-reporter.js';
import { storedMeasurements } from './readings.js';
import { OximeterSession } from './session-base.js';
import type { SessionOptions } from './session-base.js';
import { V46_OP, encodeCommand } from './v46-commands.js';
import { v46Decoder } from './v46-decoder.js';
import type { V46Live } from './v46-frame.js';
import { storedReadings } from './v46-stored.js';

/** "Typically 60 readings per second" (MarkMLl/Contec_cms50dplus:README.md). */
export const V46_SAMPLE_RATE = 60;

export interface V46Options extends SessionOptions {
  /** Keep-alive period; headrotor sends one every 100 packets, 100/60 s. 0 = never. */
  readonly keepAliveMs?: number;
  /** Re-send start when no live packet came for this long (the device ends a run). 0 = never. */
  readonly restartAfterMs?: number;
  /** How long to wait for the first stored packet before taking the memory as empty. */
  readonly downloadFirstPacketMs?: number;
}

/** Bit 0 finger out, bit 1 searching (MarkMLl's and celiponcio's readings of 0xE1/0xE2). */
const conditionOf = (m: V46Live): LiveSample['condition'] =>
  m.status & 0x01 ? 'finger_out' : m.status & 0x02 ? 'searching' : 'ok';

/**
 * A CMS50D+ with firmware 4.6 or a CMS50E: nothing is sent until the host says start (A1);
 * the stream must be kept alive (AF) or it ends; stored data (A6) has no length or end
 * marker, so a download is over when the device goes quiet.
 */
export class V46Session extends OximeterSession {
  private readonly decoder = v46Decoder();
  private readonly reporter: LiveReporter;
  private readonly timers: NodeJS.Timeout[] = [];
  private running = false;
  private downloading = false;
  private lastLiveAt = 0;
  private collecting: ((readings: StoredReading[]) => void) | null = null;

  constructor(
    identity: DeviceIdentity,
    transport: ByteTransport,
    private readonly options: V46Options = {},
  ) {
    super(identity, transport, options);
    this.reporter = new LiveReporter((e) => this.events.emit(e), {
      sampleRate: V46_SAMPLE_RATE,
      now: this.now,
      measurementIntervalMs: options.measurementIntervalMs ?? 1_000,
    });
  }

  get dropped(): number {
    return this.decoder.dropped;
  }

  async start(): Promise<void> {
    this.assertOpen();
    if (this.running) return;
    this.running = true;
    this.lastLiveAt = this.now();
    await this.write(encodeCommand(V46_OP.start));
    // headrotor sends a keep-alive every 100 packets while streaming and while downloading.
    this.every(this.options.keepAliveMs ?? Math.round((100 / V46_SAMPLE_RATE) * 1000), () =>
      this.send(encodeCommand(V46_OP.keepAlive)),
    );
    const restartAfter = this.options.restartAfterMs ?? 3_000;
    this.every(restartAfter / 2, () => {
      if (this.downloading || this.now() - this.lastLiveAt < restartAfter) return;
      this.lastLiveAt = this.now();
      this.send(encodeCommand(V46_OP.start));
    });
    this.events.emit({ type: 'status', state: 'connected' });
  }

  download(): Promise<Measurement[]> {
    return this.queue.run(() => this.downloadNow());
  }

  protected onBytes(chunk: Uint8Array): void {
    const messages = this.decoder.push(chunk);
    const gaps = this.decoder.gapsBefore;
    const live: LiveSample[] = [];
    const stored: StoredReading[] = [];
    messages.forEach((m, i) => {
      if (m.kind === 'stored') stored.push(...storedReadings(m));
      else
        live.push({ pleth: m.pleth, gapBefore: gaps[i] ?? 0, condition: conditionOf(m), spo2: m.spo2, pulse: m.pulse });
    });
    if (stored.length > 0) this.collecting?.(stored);
    if (live.length > 0 && this.running) {
      this.lastLiveAt = this.now();
      this.reporter.samples(live);
    }
  }

  protected halt(): void {
    this.running = false;
    for (const t of this.timers.splice(0)) clearInterval(t);
  }

  protected override async farewell(): Promise<void> {
    if (this.running) await withTimeout(this.write(encodeCommand(V46_OP.stop)), 500, 'stop');
  }

  private every(ms: number, tick: () => void): void {
    if (ms <= 0) return;
    const timer = setInterval(tick, ms);
    timer.unref();
    this.timers.push(timer);
  }

  private async downloadNow(): Promise<Measurement[]> {
    this.assertOpen();
    const startedAt = this.now();
    const idleMs = this.options.downloadIdleMs ?? 1_000;
    const readings: StoredReading[] = [];
    // No stored packet at all: the memory is empty, or the device ignores A6 while it is in
    // some other state. The sources do not tell these apart, so both give an empty list.
    const wait = idleWait<StoredReading[]>(this.options.downloadFirstPacketMs ?? 5_000, () => readings);
    wait.promise.catch(() => undefined); // awaited below unless a command fails first
    const unwatch = this.whenGone((error) => wait.fail(error));
    let sinceKeepAlive = 0;
    this.collecting = (more) => {
      readings.push(...more);
      wait.touch(idleMs);
      // download_data.py keeps a dump alive too, every 100 packets (three seconds a packet).
      sinceKeepAlive += more.length / 3;
      if (sinceKeepAlive < 100) return;
      sinceKeepAlive = 0;
      this.send(encodeCommand(V46_OP.keepAlive));
    };
    this.downloading = true;
    try {
      if (this.running) await this.write(encodeCommand(V46_OP.stop));
      await this.write(encodeCommand(V46_OP.dumpStored));
      return storedMeasurements(await wait.promise, startedAt);
    } finally {
      wait.settle(readings);
      unwatch();
      this.collecting = null;
      this.downloading = false;
      this.lastLiveAt = this.now();
      if (this.running && !this.gone) this.send(encodeCommand(V46_OP.start));
    }
  }
}
