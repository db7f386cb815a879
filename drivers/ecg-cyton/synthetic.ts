import { MEASURED_LEADS } from './leads.js';
import type { MeasuredLead } from './leads.js';

/**
 * A synthetic 12-lead ECG for when no recording is at hand. Each wave (P, Q, R, S, T) is a
 * Gaussian in time, as in McSharry et al.'s ECGSYN (IEEE TBME 50(3), 2003), but instead of
 * per-lead amplitudes the waves are heart-vector directions projected onto each lead's axis
 * (a fixed-dipole model), so the limb leads obey Einthoven's law by construction and the
 * precordial leads show the usual R-wave progression. It is a picture of an ECG for the
 * simulator and demos, not a physiological model.
 */

interface Wave {
  /** Heart vector in mV: x to the patient's left, y inferior, z anterior. */
  readonly vector: readonly [number, number, number];
  /** Centre relative to the R peak, in seconds (T scales with √RR, as in Bazett's formula). */
  readonly offset: number;
  readonly width: number;
}

const WAVES: Readonly<Record<'P' | 'Q' | 'R' | 'S' | 'T', Wave>> = {
  P: { vector: [0.08, 0.12, 0.02], offset: -0.17, width: 0.022 },
  // Septal depolarisation runs left to right and forwards: the small q in I and V6, r in V1.
  Q: { vector: [-0.12, 0.02, 0.2], offset: -0.028, width: 0.009 },
  R: { vector: [0.75, 1.0, -0.55], offset: 0, width: 0.011 },
  S: { vector: [-0.15, -0.3, -0.45], offset: 0.03, width: 0.011 },
  T: { vector: [0.2, 0.22, 0.12], offset: 0.26, width: 0.05 },
};

const rad = (deg: number) => (deg * Math.PI) / 180;
/** Frontal-plane leads by hexaxial angle; precordial leads by angle in the horizontal plane. */
const frontal = (deg: number): [number, number, number] => [Math.cos(rad(deg)), Math.sin(rad(deg)), 0];
const horizontal = (deg: number): [number, number, number] => [Math.cos(rad(deg)), 0, Math.sin(rad(deg))];

const LEAD_AXES: Readonly<Record<MeasuredLead, readonly [number, number, number]>> = {
  I: frontal(0),
  II: frontal(60),
  V1: horizontal(115),
  V2: horizontal(94),
  V3: horizontal(75),
  V4: horizontal(60),
  V5: horizontal(30),
  V6: horizontal(0),
};

/** R-peak times (s) at `heartRate` beats/min with a gentle breathing-like variation, deterministic. */
export function syntheticBeats(heartRate: number, seconds: number): number[] {
  const beats: number[] = [];
  const rr = 60 / heartRate;
  for (let t = 0.35; t < seconds;) {
    beats.push(t);
    // Respiratory sinus arrhythmia: ±3 % over a 4-second breath.
    t += rr * (1 + 0.03 * Math.sin((2 * Math.PI * t) / 4));
  }
  return beats;
}

/**
 * The 8 measured leads (MEASURED_LEADS order) in microvolts, `length` samples at
 * `sampleRate`, with R peaks at `beats` (seconds).
 */
export function renderLeads(beats: readonly number[], sampleRate: number, length: number): Float64Array[] {
  const leads = MEASURED_LEADS.map(() => new Float64Array(length));
  const projections = MEASURED_LEADS.map((lead) => {
    const axis = LEAD_AXES[lead];
    return Object.values(WAVES).map((w) => w.vector[0] * axis[0] + w.vector[1] * axis[1] + w.vector[2] * axis[2]);
  });
  const waves = Object.values(WAVES);
  beats.forEach((r, b) => {
    const rr = b > 0 ? r - (beats[b - 1] as number) : (beats[b + 1] ?? r + 1) - r;
    waves.forEach((wave, w) => {
      const centre = r + (wave === WAVES.T ? wave.offset * Math.sqrt(rr) : wave.offset);
      // Four widths either side hold all but 0.03 % of a Gaussian.
      const from = Math.max(0, Math.ceil((centre - 4 * wave.width) * sampleRate));
      const to = Math.min(length - 1, Math.floor((centre + 4 * wave.width) * sampleRate));
      for (let i = from; i <= to; i++) {
        const d = (i / sampleRate - centre) / wave.width;
        const shape = Math.exp(-0.5 * d * d) * 1000;
        leads.forEach((lead, l) => (lead[i] = (lead[i] as number) + shape * (projections[l]?.[w] as number)));
      }
    });
  });
  return leads;
}
