import { DriverError } from '../core/errors.js';
import type { DeviceIdentity, Measurement } from '../core/events.js';
import type { ByteTransport } from '../core/transport.js';
import { idleWait } from './idle-wait.js';
import { legacyLiveDecoder } from './legacy-decoder.js';
import { LegacyDownloadDecoder } from './legacy-download-decoder.js';
import { BACK_TO_LIVE, DOWNLOAD_REQUEST } from './legacy-download-frame.js';
import type { StoredReading } from './legacy-download-frame.js';
import type { LegacyLive } from './legacy-frame.js';
import { LiveReporter } from './live-reporter.js';
import type { LiveSample } from './live-reporter.js';
import { storedMeasurements } from './readings.js';
import { OximeterSession } from './session-base.js';
import type { SessionOptions } from './session-base.js';

/** About 60 packets a second (atbrask; protocols.md). */
export const LEGACY_SAMPLE_RATE = 60;

const conditionOf = (f: LegacyLive): LiveSample['condition'] =>
  f.probeError ? 'probe_error' : f.fingerOut ? 'finger_out' : f.searching ? 'searching' : 'ok';

/**
 * A legacy CMS50D+ (firmware ≤ 4.5). It streams live packets on its own from power-on, so
 * `start` only begins listening. A download switches the device into its download mode
 * with F5 F5 and back with F6 F6 F6, as atbrask's downloader does.
 */
export class LegacySession extends OximeterSession {
  private readonly live = legacyLiveDecoder();
  private readonly reporter: LiveReporter;
  private readonly downloadIdleMs: number;
  private running = false;
  private downloading: ((chunk: Uint8Array) => void) | null = null;

  constructor(identity: DeviceIdentity, transport: ByteTransport, options: SessionOptions = {}) {
    super(identity, transport, options);
    this.downloadIdleMs = options.downloadIdleMs ?? 5_000;
    this.reporter = new LiveReporter((e) => this.events.emit(e), {
      sampleRate: LEGACY_SAMPLE_RATE,
      now: this.now,
      measurementIntervalMs: options.measurementIntervalMs ?? 1_000,
    });
  }

  /** Frames dropped by the live decoder so far (framing failures, estimated). */
  get dropped(): number {
    return this.live.dropped;
  }

  // The device streams from power-on: starting is listening (async, so a closed link rejects).
  async start(): Promise<void> {
    this.assertOpen();
    if (this.running) return;
    this.running = true;
    this.events.emit({ type: 'status', state: 'connected' });
  }

  download(): Promise<Measurement[]> {
    return this.queue.run(() => this.downloadNow());
  }

  protected onBytes(chunk: Uint8Array): void {
    if (this.downloading) return this.downloading(chunk);
    if (!this.running) return;
    const frames = this.live.push(chunk);
    const gaps = this.live.gapsBefore;
    this.reporter.samples(
      frames.map((f, i) => ({
        pleth: f.pleth,
        gapBefore: gaps[i] ?? 0,
        condition: conditionOf(f),
        spo2: f.spo2,
        pulse: f.pulse,
      })),
    );
  }

  protected halt(): void {
    this.running = false;
  }

  private async downloadNow(): Promise<Measurement[]> {
    this.assertOpen();
    const startedAt = this.now();
    const decoder = new LegacyDownloadDecoder();
    const readings: StoredReading[] = [];
    const wait = idleWait<StoredReading[]>(
      this.downloadIdleMs,
      () =>
        new DriverError(
          'timeout',
          `no download data for ${this.downloadIdleMs} ms (${readings.length} records so far)`,
        ),
    );
    wait.promise.catch(() => undefined); // awaited below unless the request itself fails
    const unwatch = this.whenGone((error) => wait.fail(error));
    this.downloading = (chunk) => {
      wait.touch();
      for (const m of decoder.push(chunk)) {
        if (m.kind === 'record') readings.push({ spo2: m.spo2, pulse: m.pulse });
        if (m.kind === 'end') wait.settle(readings);
      }
    };
    try {
      await this.write(DOWNLOAD_REQUEST);
      return storedMeasurements(await wait.promise, startedAt);
    } finally {
      wait.fail(new DriverError('protocol', 'download abandoned')); // no-op once settled; stops the timer
      unwatch();
      this.downloading = null;
      this.live.reset();
      this.reporter.forgetState();
      if (!this.gone) await this.write(BACK_TO_LIVE).catch(() => undefined);
    }
  }
}
