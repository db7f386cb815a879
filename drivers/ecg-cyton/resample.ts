/**
 * Sample-rate conversion by a windowed-sinc low-pass FIR evaluated at each output instant:
 * for an integer ratio (PTB's 1000 Hz to 250 or 500) it is plain FIR decimation; for MIT-BIH's
 * 360 Hz it handles the rational ratio the same way. The pass band ends at 40 % of the lower
 * rate (100 Hz at 250 samples/s) and the Blackman window (about 74 dB stop-band) is wide
 * enough to reach its stop band by the lower rate's Nyquist frequency, so nothing aliases.
 */

const PASS_FRACTION = 0.4;

export function resample(input: ArrayLike<number>, fromRate: number, toRate: number): Float64Array {
  if (fromRate === toRate) return Float64Array.from(input);
  const lower = Math.min(fromRate, toRate);
  const cutoff = PASS_FRACTION * lower;
  const transition = lower / 2 - cutoff;
  // Blackman: transition width ≈ 5.5 · fs / N, so N taps in input samples for this transition.
  const half = Math.ceil((5.5 * fromRate) / transition / 2);
  const fc = cutoff / fromRate;
  const length = Math.floor((input.length * toRate) / fromRate);
  const out = new Float64Array(length);
  const last = input.length - 1;
  for (let n = 0; n < length; n++) {
    const centre = (n * fromRate) / toRate;
    let sum = 0;
    let weights = 0;
    for (let k = Math.ceil(centre - half); k <= Math.floor(centre + half); k++) {
      const u = centre - k;
      const w = sinc(2 * fc * u) * blackman(u / half);
      // Past either end the edge sample is held, which keeps a DC level flat to the edge.
      sum += w * (input[Math.min(last, Math.max(0, k))] as number);
      weights += w;
    }
    // Normalising by the weights gives unit DC gain at every fractional position.
    out[n] = sum / weights;
  }
  return out;
}

const sinc = (x: number) => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));

/** The Blackman window over u ∈ [−1, 1] (centred), 0 outside. */
const blackman = (u: number) =>
  Math.abs(u) >= 1 ? 0 : 0.42 + 0.5 * Math.cos(Math.PI * u) + 0.08 * Math.cos(2 * Math.PI * u);
