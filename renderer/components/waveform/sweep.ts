import type { WaveSource } from './wave-ring.js';

/** What a sweeping display last drew, so the next frame draws only what is new. */
export interface SweepMark {
  readonly source: WaveSource;
  readonly generation: number;
  readonly head: number;
  /** Anything that changes where samples land (size, zoom, layout). */
  readonly layout: string;
}

export type SweepStep =
  | { readonly kind: 'none' }
  /** Clear everything and draw [from, to). */
  | { readonly kind: 'full'; readonly from: number; readonly to: number }
  /** Clear the slots of [from, to) and the eraser ahead of them, then draw [from - 1, to). */
  | { readonly kind: 'more'; readonly from: number; readonly to: number };

/**
 * Like a bedside monitor: the trace is written left to right over `sweepSlots` samples and then
 * wraps, erasing `eraseSlots` ahead of the cursor. Each frame draws only the samples that arrived
 * since the last one; a new source, a restart or a layout change redraws everything held.
 */
export function planSweep(
  last: SweepMark | null,
  source: WaveSource,
  layout: string,
  sweepSlots: number,
  eraseSlots: number,
): SweepStep {
  const full = (): SweepStep => ({
    kind: 'full',
    from: Math.max(source.oldest, source.head - sweepSlots + eraseSlots),
    to: source.head,
  });
  if (last === null || last.source !== source || last.generation !== source.generation || last.layout !== layout) {
    return full();
  }
  if (source.head === last.head) return { kind: 'none' };
  if (source.head < last.head || source.head - last.head > sweepSlots - eraseSlots) return full();
  return { kind: 'more', from: last.head, to: source.head };
}

/** The slot spans `[start, end)` within one sweep that samples `[from, to)` occupy, split where they wrap. */
export function slotSpans(from: number, to: number, sweepSlots: number): (readonly [number, number])[] {
  if (to <= from) return [];
  if (to - from >= sweepSlots) return [[0, sweepSlots]];
  const a = ((from % sweepSlots) + sweepSlots) % sweepSlots;
  const b = a + (to - from);
  return b <= sweepSlots
    ? [[a, b]]
    : [
        [a, sweepSlots],
        [0, b - sweepSlots],
      ];
}

/** Which pass of the sweep a sample belongs to: a line never joins two passes. */
export const sweepPass = (seq: number, sweepSlots: number): number => Math.floor(seq / sweepSlots);

/** A sample's slot within the sweep (its x position, in samples from the left edge). */
export const sweepSlot = (seq: number, sweepSlots: number): number => ((seq % sweepSlots) + sweepSlots) % sweepSlots;
