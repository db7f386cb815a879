/**
 * A plausible photoplethysmogram for the simulator: a quick systolic upstroke, a slower fall
 * and a dicrotic wave, repeating at the pulse rate. Values stay within 7 bits (about 12–97).
 */
export function plethAt(seconds: number, bpm: number): number {
  const phase = ((seconds * bpm) / 60) % 1;
  const systolic = Math.exp(-((phase - 0.18) ** 2) / (2 * 0.07 ** 2));
  const dicrotic = 0.4 * Math.exp(-((phase - 0.5) ** 2) / (2 * 0.08 ** 2));
  return Math.round(12 + 85 * Math.min(1, systolic + dicrotic));
}

/** Whether a beat starts between two sample times (the device's beep / beat marker). */
export const beatBetween = (from: number, to: number, bpm: number): boolean =>
  Math.floor((from * bpm) / 60 + 0.9) !== Math.floor((to * bpm) / 60 + 0.9);
