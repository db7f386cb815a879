import type { DriverEvent } from '../core/events.js';
import { measurementsOf } from './readings.js';

/** What one live packet says, whatever the generation. */
export interface LiveSample {
  readonly pleth: number;
  /** Packets estimated lost just before this one (see FrameScanner). */
  readonly gapBefore: number;
  /** Why the values are not a reading, or 'ok'. */
  readonly condition: 'ok' | 'finger_out' | 'searching' | 'probe_error';
  readonly spo2: number;
  readonly pulse: number;
}

export interface ReporterOptions {
  readonly sampleRate: number;
  readonly now: () => number;
  /** Minimum time between two measurement events; the device repeats the same values 60×/s. */
  readonly measurementIntervalMs: number;
}

/**
 * Turns live packets into events: pleth runs with contiguous sequence numbers (a lost packet
 * is a gap, never filled), a status event whenever the state changes, and SpO2 and pulse at
 * most once per interval while the device says they are valid, exactly as sent.
 */
export class LiveReporter {
  private seq = 0;
  private state = '';
  private lastMeasuredAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly emit: (event: DriverEvent) => void,
    private readonly options: ReporterOptions,
  ) {}

  samples(samples: readonly LiveSample[]): void {
    let run: number[] = [];
    let runSeq = this.seq;
    const flush = () => {
      if (run.length > 0) this.emit(this.waveform(runSeq, run));
      run = [];
    };
    for (const s of samples) {
      if (s.gapBefore > 0) {
        flush();
        this.emit({ type: 'gap', seq: this.seq, count: s.gapBefore });
        this.seq += s.gapBefore;
        runSeq = this.seq;
      }
      run.push(s.pleth);
      this.seq++;
    }
    flush();
    for (const s of samples) this.observe(s);
  }

  /** Forget the state so the next packet reports it again (after a reconnect or download). */
  forgetState(): void {
    this.state = '';
  }

  private waveform(seq: number, samples: number[]): DriverEvent {
    return {
      type: 'waveform',
      channels: ['pleth'],
      sampleRate: this.options.sampleRate,
      seq,
      samples: [samples],
      unit: '1',
    };
  }

  private observe(s: LiveSample): void {
    const now = this.options.now();
    const time = new Date(now).toISOString();
    const measured = s.condition === 'ok' ? measurementsOf(s, time) : [];
    const state = s.condition !== 'ok' ? s.condition : measured.length > 0 ? 'measuring' : 'no_reading';
    if (state !== this.state) {
      this.state = state;
      if (state === 'measuring') this.emit({ type: 'status', state: 'measuring' });
      else this.emit({ type: 'status', state: 'no-signal', reason: state });
      if (state === 'probe_error') {
        this.emit({
          type: 'error',
          kind: 'device',
          code: 'oximeter.probe_error',
          message: 'the oximeter reports a probe error',
        });
      }
    }
    if (measured.length === 0 || now - this.lastMeasuredAt < this.options.measurementIntervalMs) return;
    this.lastMeasuredAt = now;
    for (const m of measured) this.emit(m);
  }
}
