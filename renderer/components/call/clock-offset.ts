// NTP-style estimate of the other side's wall clock from control pings over the data channel.

/** One ping's view of the other clock: its offset (theirs minus ours) and the round trip, ms. */
export interface ClockSample {
  readonly offsetMs: number;
  readonly rttMs: number;
}

/**
 * The sample one ping/pong gives: t0 ping left here, t1 it arrived there, t2 the pong left
 * there, t3 it arrived here (t1 and t2 on the other clock). Null when the times contradict
 * each other (a clock stepped mid-ping): such a sample says nothing.
 */
export function clockSample(t0: number, t1: number, t2: number, t3: number): ClockSample | null {
  const rttMs = t3 - t0 - (t2 - t1);
  if (!(rttMs >= 0) || t2 < t1) return null;
  return { offsetMs: (t1 - t0 + (t2 - t3)) / 2, rttMs };
}

/** Samples kept: at one ping a second, the last ~10 s of the link. */
export const CLOCK_SAMPLES = 10;

/**
 * Keeps the recent samples and trusts the one with the shortest round trip: queueing (a full
 * data channel) only lengthens a round trip and skews its offset, so the quickest is the
 * least skewed. Its error is at most half its round trip.
 */
export class ClockOffsetEstimator {
  private readonly samples: ClockSample[] = [];

  constructor(private readonly keep = CLOCK_SAMPLES) {}

  add(sample: ClockSample | null): void {
    if (!sample) return;
    this.samples.push(sample);
    if (this.samples.length > this.keep) this.samples.shift();
  }

  /** The best recent sample, or null before any pong has come. */
  estimate(): ClockSample | null {
    let best: ClockSample | null = null;
    for (const s of this.samples) if (!best || s.rttMs < best.rttMs) best = s;
    return best;
  }
}
