import type { DriverEvent, Gap, StatusEvent, Waveform } from '../core/events.js';

/** Waits for `check` to hold, polling; fails with `what` after `ms`. */
export async function until(check: () => boolean, ms = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const waveforms = (events: readonly DriverEvent[]): Waveform[] =>
  events.filter((e): e is Waveform => e.type === 'waveform');
export const gaps = (events: readonly DriverEvent[]): Gap[] => events.filter((e): e is Gap => e.type === 'gap');
export const statuses = (events: readonly DriverEvent[]): StatusEvent[] =>
  events.filter((e): e is StatusEvent => e.type === 'status');

/** Every received sample by index: its 12 lead values. Throws if an index arrives twice. */
export function samplesBySeq(events: readonly DriverEvent[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const w of waveforms(events)) {
    const length = w.samples[0]?.length ?? 0;
    for (let i = 0; i < length; i++) {
      if (out.has(w.seq + i)) throw new Error(`sample ${w.seq + i} received twice`);
      out.set(
        w.seq + i,
        w.samples.map((lead) => lead[i] as number),
      );
    }
  }
  return out;
}

/** Checks that received samples plus reported gaps tile 0…end-1 exactly, with no overlap. */
export function coverage(events: readonly DriverEvent[]): { end: number; holes: number[] } {
  const covered = new Map<number, 'sample' | 'gap'>();
  for (const [seq] of samplesBySeq(events)) covered.set(seq, 'sample');
  for (const g of gaps(events)) {
    for (let s = g.seq; s < g.seq + g.count; s++) {
      if (covered.has(s)) throw new Error(`index ${s} is both ${covered.get(s)} and gap`);
      covered.set(s, 'gap');
    }
  }
  const end = Math.max(-1, ...covered.keys()) + 1;
  const holes: number[] = [];
  for (let s = 0; s < end; s++) if (!covered.has(s)) holes.push(s);
  return { end, holes };
}
