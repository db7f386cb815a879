import type { EcgStrip } from '../../../server/consults/console-wire.js';
import { WaveRing } from '../../../../renderer/components/waveform/wave-ring.js';

/** Seconds one sweep of the ECG sheet shows (ecg-paper.ts). */
export const SWEEP_S = 10;
/**
 * EcgTrace blanks 0.2 s ahead of its cursor, so a still strip drawn in one sweep loses that
 * much of its start. A page holds a little less than a sweep, and nothing is ever hidden.
 */
export const PAGE_S = SWEEP_S - 0.25;

/** Samples one page holds at the strip's rate. */
export function pageSamples(strip: Pick<EcgStrip, 'sampleRate'>): number {
  return Math.max(1, Math.floor(PAGE_S * strip.sampleRate));
}

/** How many pages the strip needs (at least one, even for an empty strip). */
export function pageCount(strip: Pick<EcgStrip, 'sampleRate' | 'leads'>): number {
  const length = Math.max(0, ...strip.leads.map((l) => l.samples.length));
  return Math.max(1, Math.ceil(length / pageSamples(strip)));
}

/**
 * One page of a recorded strip as a wave source for EcgTrace, starting at the left edge.
 * A sample that never arrived (null) stays missing: NaN, and the trace breaks around it.
 */
export function stripPageRing(strip: EcgStrip, page: number): WaveRing {
  const size = pageSamples(strip);
  const from = page * size;
  const samples = strip.leads.map((lead) => lead.samples.slice(from, from + size).map((v) => v ?? Number.NaN));
  const ring = new WaveRing(
    strip.leads.map((l) => l.name),
    strip.sampleRate,
    strip.unit,
    size,
  );
  ring.write(0, samples);
  return ring;
}
