/**
 * How long the link has been quiet, counting only time the host was awake to notice. If the
 * event loop stalls (a GC pause, a busy main thread), the bytes wait in the OS buffer and
 * arrive late in a burst; that stall must not read as the device going silent, or a long
 * stall would be mistaken for hundreds of lost packets.
 */
export class QuietClock {
  private lastArrival: number | null = null;
  private lastCheck: number;
  private stalled = 0;

  /**
   * @param tickMs how often `tick` is called by the owner's timer
   * @param toleranceMs lateness of a tick beyond which the loop counts as stalled. Shorter
   *   stalls count as quiet: even 100 ms is 50 samples at 500/s, far from the 128 that would
   *   change a loss estimate by a whole counter wrap.
   */
  constructor(
    private readonly now: () => number,
    private readonly tickMs: number,
    private readonly toleranceMs = 100,
  ) {
    this.lastCheck = now();
  }

  /** Called on every timer tick, so stalls are seen even while no bytes arrive. */
  tick(): void {
    this.check(this.now());
  }

  /** Records bytes arriving; returns how long the link was quiet before them. */
  arrival(): { at: number; quietMs: number } {
    const at = this.now();
    this.check(at);
    const quietMs = this.lastArrival === null ? 0 : Math.max(0, at - this.lastArrival - this.stalled);
    this.lastArrival = at;
    this.stalled = 0;
    return { at, quietMs };
  }

  /** Quiet time so far, for a "no signal" status while nothing arrives. */
  quietFor(): number {
    const at = this.now();
    this.check(at);
    return this.lastArrival === null ? 0 : Math.max(0, at - this.lastArrival - this.stalled);
  }

  /** Starts listening now: quiet time counts from here until the first bytes arrive. */
  reset(): void {
    this.lastArrival = this.lastCheck = this.now();
    this.stalled = 0;
  }

  private check(at: number): void {
    // Whoever runs first after a stall (the timer or the data callback) sees the whole of it.
    const late = at - this.lastCheck - this.tickMs;
    if (late > this.toleranceMs) this.stalled += late;
    this.lastCheck = at;
  }
}
