import type { Waveform } from '../core/events.js';
import { TWELVE_LEADS } from './leads.js';

/**
 * Collects contiguous 12-lead samples into waveform events. A batch only ever holds
 * consecutive indices: the session flushes it before reporting a gap.
 */
export class WaveformBatcher {
  private seq = 0;
  private columns: number[][] = TWELVE_LEADS.map(() => []);

  constructor(
    private readonly sampleRate: number,
    /** Samples per event. */
    readonly size: number,
    /** Every value is an exact multiple of this many microvolts. */
    private readonly resolution: number,
  ) {}

  get length(): number {
    return this.columns[0]?.length ?? 0;
  }

  /** Adds one sample (12 values) at `seq`, which must follow the previous one. */
  add(seq: number, values: readonly number[]): void {
    if (this.length === 0) this.seq = seq;
    else if (seq !== this.seq + this.length) throw new Error(`batch holds ${this.seq}+${this.length}, got ${seq}`);
    values.forEach((v, lead) => this.columns[lead]?.push(v));
  }

  get full(): boolean {
    return this.length >= this.size;
  }

  /** The pending samples as one event, or null when there are none. */
  take(): Waveform | null {
    if (this.length === 0) return null;
    const samples = this.columns;
    this.columns = TWELVE_LEADS.map(() => []);
    return {
      type: 'waveform',
      channels: TWELVE_LEADS,
      sampleRate: this.sampleRate,
      seq: this.seq,
      samples,
      unit: 'uV',
      resolution: this.resolution,
    };
  }
}
