import { useEffect, useRef, useState } from 'react';
import { fitCanvas, pixelRatio, useAnimationFrame } from './canvas.js';
import { drawRuns } from './draw-runs.js';
import { planSweep, slotSpans, sweepPass, sweepSlot } from './sweep.js';
import type { SweepMark } from './sweep.js';
import type { WaveSource } from './wave-ring.js';

const SWEEP_S = 5;
const ERASER_S = 0.25;
const HEIGHT = 120;
const PAD = 8;

/**
 * A pulse oximeter's pleth wave as a sweep on canvas, once per animation frame, breaking where
 * samples are missing. The wave is a shape in device units, not a measured value, so it is
 * drawn against the device's fixed range (`range`) without a scale. Presentational.
 */
export function PlethWave({
  source,
  channel,
  range,
  label,
}: {
  source: () => WaveSource | null;
  channel: string;
  range: readonly [number, number];
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const mark = useRef<SweepMark | null>(null);
  const [width, setWidth] = useState(480);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.max(120, Math.floor(entry.contentRect.width)));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useAnimationFrame(() => {
    const el = canvas.current;
    const wave = source();
    if (!el) return;
    const index = wave ? wave.channels.indexOf(channel) : -1;
    if (!wave || index < 0) {
      if (mark.current !== null) el.getContext('2d')?.clearRect(0, 0, el.width, el.height);
      mark.current = null;
      return;
    }
    const rate = wave.sampleRate;
    const sweepSlots = Math.round(SWEEP_S * rate);
    const eraseSlots = Math.max(1, Math.round(ERASER_S * rate));
    const layout = `${width}|${pixelRatio()}|${rate}`;
    const step = planSweep(mark.current, wave, layout, sweepSlots, eraseSlots);
    if (step.kind === 'none') return;
    const context = step.kind === 'full' ? fitCanvas(el, width, HEIGHT) : el.getContext('2d');
    if (!context) return;
    const xOf = (slot: number) => (slot / sweepSlots) * width;
    if (step.kind === 'full') context.clearRect(0, 0, width, HEIGHT);
    else {
      for (const [a, b] of slotSpans(step.from, step.to + eraseSlots, sweepSlots)) {
        context.clearRect(xOf(a), 0, xOf(b) - xOf(a) + 1, HEIGHT);
      }
    }
    const [lo, hi] = range;
    context.strokeStyle = '#0a6e5c';
    context.lineWidth = 2;
    context.lineJoin = 'round';
    drawRuns(
      context,
      wave,
      index,
      step.kind === 'full' ? step.from : step.from - 1,
      step.to,
      (seq) => sweepPass(seq, sweepSlots),
      (seq, value) => [xOf(sweepSlot(seq, sweepSlots)), PAD + (1 - (value - lo) / (hi - lo)) * (HEIGHT - 2 * PAD)],
    );
    mark.current = { source: wave, generation: wave.generation, head: wave.head, layout };
  });

  return (
    <div ref={box} className="pleth">
      <canvas ref={canvas} className="pleth-canvas" role="img" aria-label={label} />
    </div>
  );
}
