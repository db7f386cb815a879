/**
 * The loudness of one block of microphone samples (time-domain floats in −1..1), as 0..1 for
 * a level meter: the RMS on a decibel scale from −60 dBFS (silence) to 0 dBFS (full scale).
 * A meter that follows dB moves for speech at a normal distance, which a linear one barely does.
 */
export function micLevel(samples: ArrayLike<number>, floorDb = -60): number {
  if (samples.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < samples.length; i++) {
    const s = samples[i] as number;
    if (Number.isFinite(s)) sum += s * s;
  }
  const rms = Math.sqrt(sum / samples.length);
  if (rms === 0) return 0;
  const db = 20 * Math.log10(rms);
  return Math.min(1, Math.max(0, (db - floorDb) / -floorDb));
}
