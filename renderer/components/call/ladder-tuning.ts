// The quality ladder's thresholds, apart so the controller itself stays readable.

/** The ladder's thresholds; the defaults are what the tests and the Chromium runs were made with. */
export interface LadderTuning {
  /** Consecutive bad samples before stepping down. */
  downSamples: number;
  /** Loss above which a sample counts as bad. */
  lossDown: number;
  /** Loss at or below which a sample allows stepping up. */
  lossUp: number;
  /** Consecutive CPU-limited samples before stepping down (never into audio). */
  cpuSamples: number;
  /** How long the link must stay good before stepping up; after a failed probe the start of the doubling. */
  holdMs: number;
  /** The longest hold a series of failed probes can build up. */
  maxHoldMs: number;
  /** How long after a step up a step down counts as a failed probe. */
  probeWindowMs: number;
  /** Right after a step up the estimate still reflects the old mode: it is not judged this long. */
  probeGraceMs: number;
  /** Chromium starts from a guess of 300 kbit/s and probes for a few seconds: not judged either. */
  startGraceMs: number;
  /** The estimate that proves room for the next mode, as a multiple of that mode's need. */
  headroom: number;
  /** Loss above `lossUp` this recently bars stepping up on headroom alone at low rates. */
  lossMemoryMs: number;
  /** A sender that sends less than this share of what the estimate allows is not testing it. */
  staleShare: number;
}

/** The tuning the ladder uses unless given another. */
export const DEFAULT_TUNING: LadderTuning = {
  downSamples: 2,
  lossDown: 0.1,
  lossUp: 0.02,
  cpuSamples: 5,
  holdMs: 4_000,
  maxHoldMs: 20_000,
  probeWindowMs: 5_000,
  probeGraceMs: 4_000,
  startGraceMs: 5_000,
  headroom: 1.5,
  lossMemoryMs: 10_000,
  staleShare: 0.6,
};
