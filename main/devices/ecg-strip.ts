import type { Waveform } from '../../drivers/core/events.js';

/** Marks a sample that never arrived, in the compact int32 form (FHIR SampledData says "E"). */
export const MISSING = -0x80000000;

/** A recorded strip: per lead, integer steps of `resolution` (or MISSING), and where gaps are. */
export interface EcgStrip {
  readonly leads: readonly string[];
  readonly sampleRate: number;
  readonly unit: string;
  readonly resolution: number;
  /** steps[lead][i] */
  readonly steps: readonly Int32Array[];
  readonly gaps: readonly (readonly [start: number, count: number])[];
  readonly startedAt: string;
  readonly endedAt: string;
}

/**
 * Collects waveform batches into a strip of exactly `sampleCount` samples per lead. Missing
 * samples (a jump in seq) are marked, never filled. Samples must be exact multiples of the
 * batch's resolution; a value that is not is refused rather than rounded.
 */
export class StripCollector {
  private leads: string[] | null = null;
  private sampleRate = 0;
  private unit = '';
  private resolution = 0;
  private steps: Int32Array[] = [];
  private firstSeq: number | null = null;
  private filled = 0;
  private readonly gaps: [number, number][] = [];
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly sampleCount: number) {}

  get done(): boolean {
    return this.filled >= this.sampleCount;
  }

  add(batch: Waveform): void {
    if (this.done) return;
    if (!this.leads) {
      if (!batch.resolution) throw new Error('this waveform has no sample resolution; it cannot be recorded exactly');
      this.leads = [...batch.channels];
      this.sampleRate = batch.sampleRate;
      this.unit = batch.unit;
      this.resolution = batch.resolution;
      this.steps = this.leads.map(() => new Int32Array(this.sampleCount).fill(MISSING));
      this.firstSeq = batch.seq;
    }
    if (batch.resolution !== this.resolution || batch.sampleRate !== this.sampleRate) {
      throw new Error('the waveform changed its rate or resolution during the recording');
    }
    const offset = batch.seq - (this.firstSeq ?? 0);
    if (offset > this.filled) {
      // Samples between what we have and this batch never arrived.
      this.gaps.push([this.filled, Math.min(offset, this.sampleCount) - this.filled]);
    }
    const length = batch.samples[0]?.length ?? 0;
    for (let c = 0; c < (this.leads?.length ?? 0); c++) {
      const source = batch.samples[batch.channels.indexOf(this.leads?.[c] ?? '')];
      const target = this.steps[c];
      if (!source || !target) continue;
      for (let i = 0; i < length && offset + i < this.sampleCount; i++) {
        if (offset + i < 0) continue;
        target[offset + i] = exactSteps(source[i] ?? NaN, this.resolution);
      }
    }
    this.filled = Math.max(this.filled, Math.min(this.sampleCount, offset + length));
  }

  strip(): EcgStrip {
    if (!this.leads) throw new Error('no samples were recorded');
    return {
      leads: this.leads,
      sampleRate: this.sampleRate,
      unit: this.unit,
      resolution: this.resolution,
      steps: this.steps,
      gaps: this.gaps,
      startedAt: this.startedAt,
      endedAt: new Date().toISOString(),
    };
  }
}

function exactSteps(value: number, resolution: number): number {
  const steps = value / resolution;
  const whole = Math.round(steps);
  // Floating-point division leaves a tiny remainder on exact multiples; anything larger means
  // the value is not on the device's grid and storing it as an integer would change it.
  if (!Number.isFinite(steps) || Math.abs(steps - whole) > 1e-6 || Math.abs(whole) >= 0x7fffffff) {
    throw new Error(`sample ${value} is not a multiple of ${resolution}`);
  }
  return whole;
}

/** The strip's samples as little-endian int32, interleaved by sample (lead fastest). */
export function packSteps(strip: EcgStrip): Buffer {
  const n = strip.steps[0]?.length ?? 0;
  const out = Buffer.alloc(n * strip.leads.length * 4);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < strip.leads.length; c++)
      out.writeInt32LE(strip.steps[c]?.[i] ?? MISSING, (i * strip.leads.length + c) * 4);
  }
  return out;
}

/** A lead's samples in FHIR SampledData form: integers, "E" where a sample is missing. */
export const sampledDataText = (steps: Int32Array): string =>
  Array.from(steps, (s) => (s === MISSING ? 'E' : String(s))).join(' ');
