import type { WaveSource } from './wave-ring.js';

/** A stretch of samples `[start, end)` that is drawn as one unbroken line. */
export type Run = readonly [start: number, end: number];

/**
 * The stretches of one channel between `from` and `to` (sequence numbers, `to` exclusive) that
 * can each be drawn as one line. A line never crosses a sample that never arrived, a cut (skipped
 * batches, a restart) or a change of `regionOf` (a sweep wrapping to the left edge, the edge of a
 * lead's column); samples whose region is null are not drawn at all.
 */
export function traceRuns(
  source: WaveSource,
  channel: number,
  from: number,
  to: number,
  regionOf: (seq: number) => number | null,
): Run[] {
  const runs: Run[] = [];
  let start: number | null = null;
  let region: number | null = null;
  const close = (end: number) => {
    if (start !== null) runs.push([start, end]);
    start = null;
  };
  for (let seq = Math.max(from, source.oldest); seq < to; seq++) {
    const here = regionOf(seq);
    if (here === null || !Number.isFinite(source.at(channel, seq))) {
      close(seq);
      continue;
    }
    if (start !== null && (here !== region || !source.joins(seq))) close(seq);
    if (start === null) {
      start = seq;
      region = here;
    }
  }
  close(to);
  return runs;
}
