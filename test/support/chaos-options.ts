/** The proxy's options: what can be set, the defaults, and their validation. */

/** up: client → server; down: server → client. */
export type Direction = 'up' | 'down';
export type PerDirection<T> = { up: T; down: T };
export type FaultKind = 'cutRequest' | 'cutResponse' | 'errorStatus' | 'stall';

export interface ChaosOptions {
  /** One-way delay added to every chunk, in milliseconds. */
  delayMs: PerDirection<number>;
  /** Link rate in bytes per second; 0 means unlimited. */
  bytesPerSecond: PerDirection<number>;
  /** Token-bucket depth in bytes (how much may pass at line speed after the link was idle); 0 picks rate / 20. */
  burstBytes: number;
  /**
   * Probability per request of each fault (their sum at most 1):
   * cutRequest resets the connection after a random part of the request reached the server;
   * cutResponse resets it after a random part of the response reached the client;
   * errorStatus answers `errorStatus` itself without forwarding and closes;
   * stall swallows the request and never answers (the client must time out).
   */
  faults: Record<FaultKind, number>;
  errorStatus: 502 | 503;
  /** 'request': every request may fault; 'connection': only the first request of each connection may. */
  faultScope: 'request' | 'connection';
}

/** What `startChaosProxy` and `set` accept: any subset; a number for a per-direction value sets both. */
export interface ChaosSettings {
  delayMs?: number | Partial<PerDirection<number>>;
  bytesPerSecond?: number | Partial<PerDirection<number>>;
  burstBytes?: number;
  faults?: Partial<Record<FaultKind, number>>;
  errorStatus?: 502 | 503;
  faultScope?: 'request' | 'connection';
}

export const FAULT_KINDS: readonly FaultKind[] = ['cutRequest', 'cutResponse', 'errorStatus', 'stall'];
export const DEFAULTS: ChaosOptions = {
  delayMs: { up: 0, down: 0 },
  bytesPerSecond: { up: 0, down: 0 },
  burstBytes: 0,
  faults: { cutRequest: 0, cutResponse: 0, errorStatus: 0, stall: 0 },
  errorStatus: 503,
  faultScope: 'request',
};

function perDirection(value: number | Partial<PerDirection<number>> | undefined, base: PerDirection<number>) {
  if (value === undefined) return { ...base };
  if (typeof value === 'number') return { up: value, down: value };
  return { up: value.up ?? base.up, down: value.down ?? base.down };
}

/** Merges `settings` over `base`, or throws a RangeError naming the bad field. */
export function merge(base: ChaosOptions, settings: ChaosSettings): ChaosOptions {
  const next: ChaosOptions = {
    delayMs: perDirection(settings.delayMs, base.delayMs),
    bytesPerSecond: perDirection(settings.bytesPerSecond, base.bytesPerSecond),
    burstBytes: settings.burstBytes ?? base.burstBytes,
    faults: { ...base.faults, ...settings.faults },
    errorStatus: settings.errorStatus ?? base.errorStatus,
    faultScope: settings.faultScope ?? base.faultScope,
  };
  const nonNegative = (name: string, value: number) => {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`chaos proxy: ${name} must be a finite number ≥ 0`);
  };
  for (const dir of ['up', 'down'] as const) {
    nonNegative(`delayMs.${dir}`, next.delayMs[dir]);
    nonNegative(`bytesPerSecond.${dir}`, next.bytesPerSecond[dir]);
  }
  nonNegative('burstBytes', next.burstBytes);
  let sum = 0;
  for (const kind of Object.keys(next.faults)) {
    if (!FAULT_KINDS.includes(kind as FaultKind)) throw new RangeError(`chaos proxy: unknown fault ${kind}`);
    const p = next.faults[kind as FaultKind];
    if (!Number.isFinite(p) || p < 0 || p > 1) throw new RangeError(`chaos proxy: faults.${kind} must be in [0, 1]`);
    sum += p;
  }
  if (sum > 1 + 1e-9) throw new RangeError('chaos proxy: fault probabilities add up to more than 1');
  if (next.errorStatus !== 502 && next.errorStatus !== 503)
    throw new RangeError('chaos proxy: errorStatus is 502 or 503');
  if (next.faultScope !== 'request' && next.faultScope !== 'connection') {
    throw new RangeError("chaos proxy: faultScope is 'request' or 'connection'");
  }
  return next;
}
