/** What a trace drawer needs of a waveform: samples by sequence number, and where lines must break. */
export interface WaveSource {
  readonly channels: readonly string[];
  readonly sampleRate: number;
  /** Physical unit of the samples (UCUM): "uV" for an ECG, "1" for device units (pleth). */
  readonly unit: string;
  /** Sequence number after the newest sample (the sweep's cursor). */
  readonly head: number;
  /** Bumped whenever what is held stops following on from what was drawn before (a restart). */
  readonly generation: number;
  /** Oldest sequence number still held. */
  readonly oldest: number;
  /** The sample, or NaN when it never arrived or is no longer held. */
  at(channel: number, seq: number): number;
  /** Whether a line may join sample `seq - 1` to sample `seq`. */
  joins(seq: number): boolean;
}

/**
 * The last few seconds of a device's waveform: one Float32Array per channel, a sample kept in
 * slot `seq mod capacity`. Samples that never arrived are NaN, and a trace is cut where batches
 * were skipped, so nothing drawn from it ever joins across missing data. Pure: no DOM.
 */
export class WaveRing implements WaveSource {
  readonly data: readonly Float32Array[];
  /** cut[slot] = 1: do not join this sample to the one before it. */
  private readonly cut: Uint8Array;
  private first: number | null = null;
  private pendingCut = false;
  head = 0;
  generation = 0;

  constructor(
    readonly channels: readonly string[],
    readonly sampleRate: number,
    readonly unit: string,
    readonly capacity: number,
  ) {
    if (!Number.isInteger(capacity) || capacity <= 0) throw new RangeError(`capacity ${capacity}`);
    this.data = channels.map(() => new Float32Array(capacity).fill(Number.NaN));
    this.cut = new Uint8Array(capacity);
  }

  /** Whether this ring can hold a stream of that shape (same channels, rate and unit). */
  fits(channels: readonly string[], sampleRate: number, unit: string): boolean {
    return (
      sampleRate === this.sampleRate &&
      unit === this.unit &&
      channels.length === this.channels.length &&
      channels.every((c, i) => c === this.channels[i])
    );
  }

  get oldest(): number {
    return this.first === null ? this.head : Math.max(this.first, this.head - this.capacity);
  }

  /** A batch of samples starting at `seq`; samples[channel][i]. A jump in `seq` is kept as missing. */
  write(seq: number, samples: readonly (readonly number[])[]): void {
    const length = Math.max(0, ...samples.map((s) => s.length));
    if (length === 0) return;
    if (this.first === null || seq < this.head) {
      // The first batch, or a stream that started again from an earlier number (a new session).
      if (this.first !== null) this.clear();
      this.first = seq;
      this.head = seq;
      this.pendingCut = true;
    }
    if (seq > this.head) {
      this.fillMissing(this.head, seq);
      this.pendingCut = true;
    }
    const skip = Math.max(0, length - this.capacity);
    for (let i = skip; i < length; i++) {
      const slot = this.slot(seq + i);
      for (let c = 0; c < this.data.length; c++) {
        const value = samples[c]?.[i];
        (this.data[c] as Float32Array)[slot] = typeof value === 'number' ? value : Number.NaN;
      }
      this.cut[slot] = 0;
    }
    if (this.pendingCut || skip > 0) this.cut[this.slot(seq + skip)] = 1;
    this.pendingCut = false;
    this.head = seq + length;
  }

  /** `count` samples from `seq` never arrived (a `gap` event). */
  markMissing(seq: number, count: number): void {
    if (count <= 0) return;
    if (this.first === null) {
      this.first = seq;
      this.head = seq;
    }
    const end = seq + count;
    this.fillMissing(Math.max(seq, this.oldest), Math.min(end, this.head));
    if (end > this.head) {
      this.fillMissing(Math.max(this.head, seq), end);
      this.head = end;
    }
  }

  /** Batches were dropped (a `skipped` event): whatever comes next starts a new line. */
  breakTrace(): void {
    this.pendingCut = true;
  }

  at(channel: number, seq: number): number {
    if (seq < this.oldest || seq >= this.head) return Number.NaN;
    return this.data[channel]?.[this.slot(seq)] ?? Number.NaN;
  }

  joins(seq: number): boolean {
    return seq > this.oldest && seq < this.head && this.cut[this.slot(seq)] === 0;
  }

  private fillMissing(from: number, to: number): void {
    for (let s = Math.max(from, to - this.capacity); s < to; s++) {
      const slot = this.slot(s);
      for (const channel of this.data) channel[slot] = Number.NaN;
      this.cut[slot] = 1;
    }
  }

  private clear(): void {
    for (const channel of this.data) channel.fill(Number.NaN);
    this.cut.fill(0);
    this.generation++;
  }

  private slot(seq: number): number {
    return ((seq % this.capacity) + this.capacity) % this.capacity;
  }
}
