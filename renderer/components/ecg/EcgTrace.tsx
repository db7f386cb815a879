import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fitCanvas, pixelRatio, useAnimationFrame } from '../waveform/canvas.js';
import { drawRuns } from '../waveform/draw-runs.js';
import { planSweep, slotSpans, sweepPass, sweepSlot } from '../waveform/sweep.js';
import type { SweepMark } from '../waveform/sweep.js';
import type { WaveSource } from '../waveform/wave-ring.js';
import { calibrationPulse, ECG_PAPER, ecgSheet, gridLines, mvPerUnit, pxPerMm, xMm, yMm } from './ecg-paper.js';
import type { EcgLayout, EcgSheet } from './ecg-paper.js';

const STANDARD_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
/** Blank space ahead of the sweep's cursor, as on a bedside monitor. */
const ERASER_S = 0.2;

function drawPaper(canvas: HTMLCanvasElement, sheet: EcgSheet, scale: number, present: readonly string[]): void {
  const context = fitCanvas(canvas, sheet.widthMm * scale, sheet.heightMm * scale);
  if (!context) return;
  const width = sheet.widthMm * scale;
  const height = sheet.heightMm * scale;
  context.fillStyle = '#fffafa';
  context.fillRect(0, 0, width, height);
  const lines = (positions: number[], colour: string, lineWidth: number) => {
    context.beginPath();
    for (const mm of positions) {
      if (mm <= sheet.widthMm) {
        context.moveTo(mm * scale, 0);
        context.lineTo(mm * scale, height);
      }
      if (mm <= sheet.heightMm) {
        context.moveTo(0, mm * scale);
        context.lineTo(width, mm * scale);
      }
    }
    context.strokeStyle = colour;
    context.lineWidth = lineWidth;
    context.stroke();
  };
  const grid = gridLines(Math.max(sheet.widthMm, sheet.heightMm));
  lines(grid.minor, '#f6d0d0', 0.5);
  lines(grid.major, '#e49a9a', 1);
  context.fillStyle = '#1b2430';
  context.strokeStyle = '#1b2430';
  context.lineWidth = 1.25;
  context.font = `600 ${Math.round(3.2 * scale)}px system-ui, sans-serif`;
  for (let row = 0; row < sheet.rows; row++) {
    context.beginPath();
    calibrationPulse(sheet, row).forEach(([x, y], i) =>
      i === 0 ? context.moveTo(x * scale, y * scale) : context.lineTo(x * scale, y * scale),
    );
    context.stroke();
  }
  for (const cell of sheet.cells) {
    const x = xMm(sheet, cell.fromS);
    const top = cell.row * sheet.rowMm;
    context.globalAlpha = present.includes(cell.lead) ? 1 : 0.4;
    context.fillText(cell.lead, (x + 1.5) * scale, (top + 4.5) * scale);
    context.globalAlpha = 1;
    if (cell.fromS > 0) {
      // A short separator where one column of leads gives way to the next, as printed.
      context.beginPath();
      context.moveTo(x * scale, (top + sheet.rowMm / 2 - 3) * scale);
      context.lineTo(x * scale, (top + sheet.rowMm / 2 + 3) * scale);
      context.stroke();
    }
  }
}

/**
 * A live 12-lead ECG on standard paper (25 mm/s, 10 mm/mV, 1 mm / 5 mm grid), drawn on canvas
 * once per animation frame as a sweep: only new samples are drawn each frame, and the trace
 * breaks wherever samples are missing. Presentational: the waveform comes from `source`, a getter
 * read every frame, so the hub console can feed it a recorded strip the same way.
 */
export function EcgTrace({
  source,
  layout,
  zoom,
  label,
}: {
  source: () => WaveSource | null;
  layout: EcgLayout;
  /** 1 = nominal millimetres at 96 CSS px per inch. */
  zoom: number;
  label: string;
}) {
  const { t } = useTranslation();
  const paper = useRef<HTMLCanvasElement>(null);
  const trace = useRef<HTMLCanvasElement>(null);
  const mark = useRef<SweepMark | null>(null);
  const [channels, setChannels] = useState<readonly string[]>(STANDARD_LEADS);
  const [unit, setUnit] = useState<string | null>(null);
  const [dpr, setDpr] = useState(pixelRatio);
  const sheet = useMemo(() => ecgSheet(layout, channels), [layout, channels]);
  const scale = pxPerMm(zoom);
  const drawable = unit === null || mvPerUnit(unit) !== null;

  useEffect(() => {
    if (paper.current) drawPaper(paper.current, sheet, scale, channels);
  }, [sheet, scale, channels, dpr]);

  useAnimationFrame(() => {
    const canvas = trace.current;
    const wave = source();
    if (pixelRatio() !== dpr) setDpr(pixelRatio());
    if (!canvas) return;
    if (wave === null) {
      if (mark.current !== null) canvas.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
      mark.current = null;
      return;
    }
    if (wave.channels.join() !== channels.join()) return setChannels(wave.channels);
    if (wave.unit !== unit) return setUnit(wave.unit);
    const mv = mvPerUnit(wave.unit);
    if (mv === null) return;
    const rate = wave.sampleRate;
    const sweepSlots = Math.round(sheet.sweepS * rate);
    const eraseSlots = Math.round(ERASER_S * rate);
    const layoutKey = `${sheet.layout}|${channels.join()}|${scale}|${dpr}|${rate}`;
    const step = planSweep(mark.current, wave, layoutKey, sweepSlots, eraseSlots);
    if (step.kind === 'none') return;
    const context =
      step.kind === 'full' ? fitCanvas(canvas, sheet.widthMm * scale, sheet.heightMm * scale) : canvas.getContext('2d');
    if (!context) return;
    const height = sheet.heightMm * scale;
    const xOfSlot = (slot: number) => xMm(sheet, slot / rate) * scale;
    if (step.kind === 'full') context.clearRect(0, 0, sheet.widthMm * scale, height);
    else {
      for (const [a, b] of slotSpans(step.from, step.to + eraseSlots, sweepSlots)) {
        context.clearRect(xOfSlot(a), 0, xOfSlot(b) - xOfSlot(a), height);
      }
    }
    context.strokeStyle = '#111';
    context.lineWidth = 1.2;
    context.lineJoin = 'round';
    const from = step.kind === 'full' ? step.from : step.from - 1;
    for (const cell of sheet.cells) {
      const channel = wave.channels.indexOf(cell.lead);
      if (channel < 0) continue;
      const lo = Math.round(cell.fromS * rate);
      const hi = Math.round(cell.toS * rate);
      drawRuns(
        context,
        wave,
        channel,
        from,
        step.to,
        (seq) => {
          const slot = sweepSlot(seq, sweepSlots);
          return slot >= lo && slot < hi ? sweepPass(seq, sweepSlots) : null;
        },
        (seq, value) => [xOfSlot(sweepSlot(seq, sweepSlots)), yMm(sheet, cell.row, value * mv) * scale],
      );
    }
    mark.current = { source: wave, generation: wave.generation, head: wave.head, layout: layoutKey };
  });

  return (
    <figure className="ecg-trace">
      <div className="ecg-scroll">
        <div className="ecg-sheet" role="img" aria-label={label}>
          <canvas ref={paper} className="ecg-layer" />
          <canvas ref={trace} className="ecg-layer ecg-layer-top" />
        </div>
      </div>
      <figcaption className="ecg-caption">
        <span className="ecg-calibration" data-testid="ecg-calibration">
          {t('ecg.calibration', { speed: ECG_PAPER.speedMmPerS, gain: ECG_PAPER.gainMmPerMv })}
        </span>
        <span className="muted">{t('ecg.nominal')}</span>
        {!drawable && (
          <span className="status-bad" role="alert">
            {t('ecg.unitUnsupported', { unit })}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
