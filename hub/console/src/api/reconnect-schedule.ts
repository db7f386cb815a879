/** How the console's socket retries: quick at first, because the hub may only be restarting. */
export const RECONNECT = {
  /** Delay before the first retry, before jitter. */
  firstMs: 250,
  /** Longest wait between retries: a restarted hub is found again within this (plus the dial). */
  maxMs: 4000,
} as const;

/**
 * Milliseconds to wait before reconnect attempt `attempt` (0 for the first): doubling from
 * `firstMs` up to `maxMs`, then scaled by a jitter in [0.5, 1) so that every console of a
 * restarted hub does not dial at the same instant. `random` returns a number in [0, 1).
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT.maxMs, RECONNECT.firstMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(ceiling * (0.5 + random() / 2));
}
