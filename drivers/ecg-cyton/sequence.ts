/**
 * Turns the wrapping 8-bit sample counter into a continuous sample index.
 *
 * The counter alone says how many packets were lost modulo 256. Two timing facts settle the
 * rest: (1) lost packets take time, so the link's quiet time (host stalls excluded, see
 * QuietClock) says how many wraps went by unseen; (2) a packet cannot arrive before it was
 * sampled, so an index ahead of the arrival clock is impossible and its counter is not to be
 * trusted (with no checksum, a corrupted counter byte is otherwise a fake 200-packet loss).
 */

export type Placement =
  /** Put the sample at `seq`; `lost` samples before it never arrived. */
  | { readonly kind: 'sample'; readonly seq: number; readonly lost: number; readonly fromTiming: boolean }
  /** The counter jumps further than time allows: the packet is not used. */
  | { readonly kind: 'implausible'; readonly counter: number; readonly lost: number };

const WINDOW_MS = 10_000;

export class SampleSequencer {
  private lastCounter: number | null = null;
  private nextSeq = 0;
  /** Earliest (arrival − sampling) offset seen recently, in ms: the link's best latency. */
  private currentMin = Number.POSITIVE_INFINITY;
  private previousMin = Number.POSITIVE_INFINITY;
  private windowStart = 0;

  /**
   * @param sampleRate samples per second
   * @param slackMs how much earlier than its best latency a packet may still arrive (burst
   *   delivery, USB latency timers)
   */
  constructor(
    private readonly sampleRate: number,
    private readonly slackMs = 100,
  ) {}

  /** The index the next contiguous sample will get. */
  get next(): number {
    return this.nextSeq;
  }

  place(counter: number, arrivalMs: number, quietMs: number): Placement {
    if (this.lastCounter === null) return this.accept(counter, 0, arrivalMs, 0, false);
    const byCounter = (counter - this.lastCounter - 1) & 0xff;
    // Whole wraps the quiet time allows for: round to the nearest, as jitter is far below 128 samples.
    const missedByTime = (quietMs * this.sampleRate) / 1000 - 1;
    const byTime = Math.max(0, Math.round((missedByTime - byCounter) / 256));
    if (byCounter === 0 && byTime === 0) return this.accept(counter, this.nextSeq, arrivalMs, 0, false);
    const wrapsAllowed = Math.floor((this.latestPlausibleSeq(arrivalMs) - this.nextSeq - byCounter) / 256);
    if (wrapsAllowed < 0) {
      // A contiguous counter is believed whatever the clock says; only a jump must be earned.
      if (byCounter === 0) return this.accept(counter, this.nextSeq, arrivalMs, 0, false);
      return { kind: 'implausible', counter, lost: byCounter };
    }
    const wraps = Math.min(byTime, wrapsAllowed);
    const lost = byCounter + 256 * wraps;
    return this.accept(counter, this.nextSeq + lost, arrivalMs, lost, wraps > 0);
  }

  reset(): void {
    this.lastCounter = null;
    this.nextSeq = 0;
    this.currentMin = this.previousMin = Number.POSITIVE_INFINITY;
    this.windowStart = 0;
  }

  private latestPlausibleSeq(arrivalMs: number): number {
    const best = Math.min(this.currentMin, this.previousMin);
    return Math.floor(((arrivalMs - best + this.slackMs) * this.sampleRate) / 1000);
  }

  private accept(counter: number, seq: number, arrivalMs: number, lost: number, fromTiming: boolean): Placement {
    this.lastCounter = counter;
    this.nextSeq = seq + 1;
    // Two overlapping windows let the reference follow clock drift and latency changes.
    const offset = arrivalMs - (seq * 1000) / this.sampleRate;
    if (arrivalMs - this.windowStart > WINDOW_MS) {
      this.previousMin = this.currentMin;
      this.currentMin = offset;
      this.windowStart = arrivalMs;
    } else this.currentMin = Math.min(this.currentMin, offset);
    return { kind: 'sample', seq, lost, fromTiming };
  }
}
