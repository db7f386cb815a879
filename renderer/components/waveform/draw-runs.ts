import { traceRuns } from './trace-runs.js';
import type { WaveSource } from './wave-ring.js';

/**
 * Strokes one channel's samples `[from, to)` as lines that break wherever data is missing (see
 * traceRuns). A lone sample between two holes is drawn as a dot so it is not lost.
 */
export function drawRuns(
  context: CanvasRenderingContext2D,
  source: WaveSource,
  channel: number,
  from: number,
  to: number,
  regionOf: (seq: number) => number | null,
  point: (seq: number, value: number) => readonly [number, number],
): void {
  context.beginPath();
  for (const [start, end] of traceRuns(source, channel, from, to, regionOf)) {
    const [x0, y0] = point(start, source.at(channel, start));
    context.moveTo(x0, y0);
    if (end - start === 1) context.lineTo(x0 + 0.75, y0);
    for (let seq = start + 1; seq < end; seq++) {
      const [x, y] = point(seq, source.at(channel, seq));
      context.lineTo(x, y);
    }
  }
  context.stroke();
}
