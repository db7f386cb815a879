/** How much waveform one frame carries: ~4 frames a second, since each frame costs 26 bytes and a message of its own. */
export const BATCH_MS = 250;

/** A contiguous run of samples of some of a stream's channels, values as the device gave them. */
export interface WaveRun {
  readonly seq: number;
  readonly channels: readonly number[];
  /** One array per entry of `channels`, all the same length. */
  readonly samples: number[][];
}

const sameChannels = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * Gathers a stream's waveform into runs of about BATCH_MS: a run goes once it holds that much
 * signal or its first sample has waited that long. A run that the next samples do not continue
 * (a jump in numbering, other channels) goes at once, so no run ever bridges a hole.
 */
export class WaveBatch {
  private run: { seq: number; channels: readonly number[]; samples: number[][]; startedAt: number } | null = null;

  constructor(private readonly sampleRate: number) {}

  /** Adds samples (one array per channel, equal lengths) taken from `seq`; returns the runs now due. */
  add(seq: number, channels: readonly number[], samples: readonly (readonly number[])[], now: number): WaveRun[] {
    const out: WaveRun[] = [];
    const count = samples[0]?.length ?? 0;
    if (count === 0) return this.due(now);
    const run = this.run;
    if (run && (run.seq + (run.samples[0]?.length ?? 0) !== seq || !sameChannels(run.channels, channels)))
      out.push(...this.flush());
    if (this.run) this.run.samples.forEach((s, k) => s.push(...(samples[k] ?? [])));
    else this.run = { seq, channels: [...channels], samples: samples.map((s) => [...s]), startedAt: now };
    return [...out, ...this.due(now)];
  }

  /** The held run if it is due by size or by time. */
  due(now: number): WaveRun[] {
    const run = this.run;
    if (!run) return [];
    const held = run.samples[0]?.length ?? 0;
    const full = held * 1000 >= this.sampleRate * BATCH_MS;
    return full || now - run.startedAt >= BATCH_MS ? this.flush() : [];
  }

  /** Whether samples are held. */
  holding(): boolean {
    return this.run !== null;
  }

  /** Whatever is held, due or not (the stream ends or a gap follows). */
  flush(): WaveRun[] {
    const run = this.run;
    this.run = null;
    return run ? [{ seq: run.seq, channels: run.channels, samples: run.samples }] : [];
  }
}
