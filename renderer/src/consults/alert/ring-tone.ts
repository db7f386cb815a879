/** One ring: two notes, then silence until the next ring. */
export const RING_NOTES = [
  { hz: 880, startS: 0, lengthS: 0.28 },
  { hz: 660, startS: 0.34, lengthS: 0.28 },
] as const;
/** A ring starts this often until the alert is acknowledged or joined. */
export const RING_EVERY_MS = 2_000;
/** Loud enough to hear across a consulting room, short of clipping. */
const PEAK_GAIN = 0.35;
/** Attack and release, so a note starts and ends without a click. */
const RAMP_S = 0.02;

let shared: AudioContext | null = null;

function context(): AudioContext | null {
  try {
    shared ??= new AudioContext();
  } catch {
    return null;
  }
  // Chromium starts a context suspended until the page has had a user gesture; the doctor has
  // signed in by then, so resuming works. If it still cannot, the banner alone has to do.
  if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
  return shared;
}

function ringOnce(ctx: AudioContext): void {
  const start = ctx.currentTime + 0.02;
  for (const note of RING_NOTES) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = note.hz;
    const t0 = start + note.startS;
    const t1 = t0 + note.lengthS;
    gain.gain.setValueAtTime(0, t0);
    gain.gain.linearRampToValueAtTime(PEAK_GAIN, t0 + RAMP_S);
    gain.gain.setValueAtTime(PEAK_GAIN, t1 - RAMP_S);
    gain.gain.linearRampToValueAtTime(0, t1);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t0);
    osc.stop(t1 + 0.01);
  }
}

/**
 * Rings now and every RING_EVERY_MS until the returned function is called. Made with WebAudio
 * oscillators: no sound file to ship, nothing fetched.
 */
export function startRinging(): () => void {
  const ctx = context();
  if (!ctx) return () => undefined;
  ringOnce(ctx);
  const id = setInterval(() => ringOnce(ctx), RING_EVERY_MS);
  return () => clearInterval(id);
}
