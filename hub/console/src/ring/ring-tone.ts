/** One beep: pitch in Hz, start and length in seconds from the start of a pattern. */
interface Beep {
  readonly hz: number;
  readonly at: number;
  readonly length: number;
}

/** A tone pattern and how often it repeats. */
interface Pattern {
  readonly beeps: readonly Beep[];
  readonly everyMs: number;
}

// An emergency is faster and higher than a routine ring, so it is told apart without looking.
const PATTERNS: Readonly<Record<'plain' | 'emergency', Pattern>> = {
  plain: {
    beeps: [
      { hz: 660, at: 0, length: 0.18 },
      { hz: 880, at: 0.22, length: 0.22 },
    ],
    everyMs: 3000,
  },
  emergency: {
    beeps: [
      { hz: 988, at: 0, length: 0.12 },
      { hz: 988, at: 0.18, length: 0.12 },
      { hz: 988, at: 0.36, length: 0.12 },
    ],
    everyMs: 1200,
  },
};

/**
 * Rings with WebAudio until told to stop. Browsers keep an AudioContext suspended until the
 * page has had a user gesture; `unlock()` is called on the first click so the ring can sound
 * later, and the visible banner carries the ring until then.
 */
export class RingTone {
  private context: AudioContext | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private playing: 'plain' | 'emergency' | null = null;

  /** Creates or resumes the audio context from inside a user gesture. */
  unlock(): void {
    try {
      this.context ??= new AudioContext();
      if (this.context.state === 'suspended') void this.context.resume().catch(() => undefined);
    } catch {
      // No audio output on this machine: the banner still shows the ring.
    }
  }

  /** Starts `kind` (again, from its first beep), or stops with null. */
  play(kind: 'plain' | 'emergency' | null): void {
    this.stopTimer();
    this.playing = kind;
    if (kind === null) return;
    const pattern = PATTERNS[kind];
    this.sound(pattern);
    this.timer = setInterval(() => this.sound(pattern), pattern.everyMs);
  }

  /** What is sounding now. */
  current(): 'plain' | 'emergency' | null {
    return this.playing;
  }

  close(): void {
    this.play(null);
    void this.context?.close().catch(() => undefined);
    this.context = null;
  }

  private stopTimer(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  private sound(pattern: Pattern): void {
    const context = this.context;
    if (!context || context.state !== 'running') return;
    const start = context.currentTime + 0.02;
    for (const beep of pattern.beeps) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = beep.hz;
      // Short ramps at both ends: a hard-edged sine clicks.
      const t0 = start + beep.at;
      const t1 = t0 + beep.length;
      gain.gain.setValueAtTime(0, t0);
      gain.gain.linearRampToValueAtTime(0.25, t0 + 0.01);
      gain.gain.setValueAtTime(0.25, t1 - 0.02);
      gain.gain.linearRampToValueAtTime(0, t1);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(t0);
      oscillator.stop(t1 + 0.01);
    }
  }
}
