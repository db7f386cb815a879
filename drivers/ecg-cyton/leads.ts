/**
 * The 12-lead view of the 8 measured channels. Channels 1–8 are wired as I, II, V1–V6; the
 * other four limb leads follow from Einthoven's and Goldberger's relations.
 */

export const MEASURED_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export const TWELVE_LEADS = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
export type MeasuredLead = (typeof MEASURED_LEADS)[number];
export type Lead = (typeof TWELVE_LEADS)[number];

/**
 * The 12 leads from the 8 channel values, in TWELVE_LEADS order, each multiplied by `scale`.
 * The relations are applied to the raw counts first: sums and halves of integers below 2^25
 * are exact in a double, so each lead is rounded once (by the scale) instead of once per
 * operation, and III is exactly (II − I) × scale.
 */
export function twelveLeads(counts: ArrayLike<number>, scale: number): number[] {
  const i = counts[0] as number;
  const ii = counts[1] as number;
  return [
    i * scale,
    ii * scale,
    (ii - i) * scale,
    (-(i + ii) / 2) * scale,
    (i - ii / 2) * scale,
    (ii - i / 2) * scale,
    (counts[2] as number) * scale,
    (counts[3] as number) * scale,
    (counts[4] as number) * scale,
    (counts[5] as number) * scale,
    (counts[6] as number) * scale,
    (counts[7] as number) * scale,
  ];
}
