import { formatMeasured } from '../format.js';
import { DERIVED_KINDS, isReadingKind } from './vital-kinds.js';

/** A reading's value as text: "165/95" for a blood-pressure panel, one decimal for a derived BMI. */
export function readingValueText(
  reading: { kind: string; value: number; value2: number | null },
  language: string,
): string {
  const derived = isReadingKind(reading.kind) && DERIVED_KINDS.includes(reading.kind);
  const one = (v: number) =>
    derived
      ? new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v)
      : formatMeasured(v, language);
  return reading.value2 === null ? one(reading.value) : `${one(reading.value)}/${one(reading.value2)}`;
}
