import { z } from 'zod';

/**
 * Hybrid logical clocks (Kulkarni, Demirbas et al., "Logical Physical Clocks", 2014): a
 * reading is (physical milliseconds, logical counter, node). Readings stay close to wall-clock
 * time, never go backwards, and a reading taken after receiving another is greater than it,
 * so "greater clock" agrees with "happened later" for every write one side has seen.
 */
export interface Hlc {
  readonly wall: number;
  readonly counter: number;
  readonly node: string;
}

const WALL_DIGITS = 9;
const COUNTER_DIGITS = 4;
/** 36^9 - 1 ms: about the year 5138. */
export const MAX_HLC_WALL = 36 ** WALL_DIGITS - 1;
export const MAX_HLC_COUNTER = 36 ** COUNTER_DIGITS - 1;
/** A remote clock further ahead of ours than this is kept as a value but never moves our clock. */
export const MAX_HLC_DRIFT_MS = 60 * 60 * 1000;

/** A station id (UUID) or a hub name such as `hub`. */
export const HLC_NODE = /^[0-9A-Za-z_-]{1,64}$/;
const ENCODED = /^([0-9a-z]{9})-([0-9a-z]{4})-([0-9A-Za-z_-]{1,64})$/;

/** A clock reading as text: fixed-width base-36 wall and counter, so text order is clock order. */
export const HlcText = z.string().max(80).regex(ENCODED, 'hlc.format');

/** `wall-counter-node`, e.g. `0m1x3k9a0-0000-4f0c…`; sorts lexicographically in clock order. */
export function encodeHlc(h: Hlc): string {
  if (!Number.isInteger(h.wall) || h.wall < 0 || h.wall > MAX_HLC_WALL) throw new RangeError('hlc wall out of range');
  if (!Number.isInteger(h.counter) || h.counter < 0 || h.counter > MAX_HLC_COUNTER)
    throw new RangeError('hlc counter out of range');
  if (!HLC_NODE.test(h.node)) throw new RangeError('hlc node must be 1-64 of [0-9A-Za-z_-]');
  return `${h.wall.toString(36).padStart(WALL_DIGITS, '0')}-${h.counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${h.node}`;
}

/** Reads an encoded clock; throws a RangeError on anything encodeHlc would not produce. */
export function decodeHlc(text: string): Hlc {
  const m = ENCODED.exec(text);
  if (!m) throw new RangeError('not a hybrid logical clock reading');
  return { wall: parseInt(m[1] as string, 36), counter: parseInt(m[2] as string, 36), node: m[3] as string };
}

/** Orders two encoded readings: negative when a is earlier, 0 when equal, positive when later. */
export function compareHlc(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The greater of encoded readings. */
export function maxHlc(first: string, ...rest: string[]): string {
  return rest.reduce((m, h) => (h > m ? h : m), first);
}

/** The least reading on `node` that is greater than `h`, whatever node `h` came from. */
export function successorHlc(h: Hlc, node: string): Hlc {
  return h.counter < MAX_HLC_COUNTER
    ? { wall: h.wall, counter: h.counter + 1, node }
    : { wall: h.wall + 1, counter: 0, node };
}

/** A reading for a write with wall time `wall`, at a counter/node that nothing real uses. */
const fromParts = (wall: number, counter: number, node: string): Hlc =>
  counter > MAX_HLC_COUNTER ? { wall: wall + 1, counter: 0, node } : { wall, counter, node };

/**
 * One node's clock. It holds only the last reading it gave or received; callers persist
 * `last` (the station keeps it in station_meta) so the clock never runs backwards across
 * restarts, even when the PC's own clock is set back.
 */
export class HybridClock {
  private latest: Hlc | null;

  constructor(
    readonly node: string,
    last: Hlc | null = null,
    private readonly physical: () => number = Date.now,
    private readonly maxDriftMs = MAX_HLC_DRIFT_MS,
  ) {
    if (!HLC_NODE.test(node)) throw new RangeError('hlc node must be 1-64 of [0-9A-Za-z_-]');
    this.latest = last;
  }

  /** The last reading given or received, to persist. */
  get last(): Hlc | null {
    return this.latest;
  }

  /** A reading for a local write: greater than every reading this clock gave or received. */
  now(): Hlc {
    const pt = Math.floor(this.physical());
    const l = this.latest;
    const next = l === null || pt > l.wall ? { wall: pt, counter: 0, node: this.node } : successorHlc(l, this.node);
    this.latest = next;
    return next;
  }

  /**
   * Takes in a reading from elsewhere and returns this clock's next reading, greater than both.
   * A remote reading more than the allowed drift ahead of our physical time is not followed:
   * one station with a wrong clock must not drag every other clock into the future.
   */
  receive(remote: Hlc): Hlc {
    const pt = Math.floor(this.physical());
    if (remote.wall > pt + this.maxDriftMs) return this.now();
    const l = this.latest ?? { wall: -1, counter: 0, node: this.node };
    const wall = Math.max(l.wall, remote.wall, pt);
    let counter = 0;
    if (wall === l.wall && wall === remote.wall) counter = Math.max(l.counter, remote.counter) + 1;
    else if (wall === l.wall) counter = l.counter + 1;
    else if (wall === remote.wall) counter = remote.counter + 1;
    const next = fromParts(wall, counter, this.node);
    this.latest = next;
    return next;
  }

  /** Whether a reading is further ahead of our physical time than the clock will follow. */
  tooFarAhead(remote: Hlc): boolean {
    return remote.wall > Math.floor(this.physical()) + this.maxDriftMs;
  }
}

/**
 * The reading for a write: after every reading in `seen` the clock may follow (all it knew
 * of the record), and greater than each reading in `replaced` (the values the write
 * overwrites) even when one of those is too far ahead to follow. Encoded.
 */
export function writeStamp(clock: HybridClock, seen: readonly string[], replaced: readonly string[]): string {
  const followed = seen.filter((h) => !clock.tooFarAhead(decodeHlc(h)));
  const [first, ...rest] = followed;
  let next = first === undefined ? clock.now() : clock.receive(decodeHlc(maxHlc(first, ...rest)));
  for (const h of replaced) if (h >= encodeHlc(next)) next = successorHlc(decodeHlc(h), clock.node);
  return encodeHlc(next);
}
