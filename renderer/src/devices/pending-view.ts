import { VITALS } from '../../../contract/records/vitals.js';
import type { PendingReading } from '../../../contract/index.js';
import { formatMeasured } from '../../components/format.js';
import { READING_KINDS } from '../../components/vitals/vital-kinds.js';

type Part = NonNullable<PendingReading['components']>[number];

/** The systolic and diastolic parts of a blood-pressure reading, or null for any other reading. */
export function pressureParts(r: PendingReading): { systolic: Part; diastolic: Part } | null {
  const systolic = r.components?.find((c) => c.loinc === VITALS.systolic.loinc);
  const diastolic = r.components?.find((c) => c.loinc === VITALS.diastolic.loinc);
  return systolic && diastolic ? { systolic, diastolic } : null;
}

/**
 * A device value as text, every digit the device sent (nothing rounded): "165/95" for a blood
 * pressure, "36.85" for a temperature.
 */
export function pendingValueText(r: PendingReading, language: string): string {
  const parts = pressureParts(r);
  return parts
    ? `${formatMeasured(parts.systolic.value, language)}/${formatMeasured(parts.diastolic.value, language)}`
    : formatMeasured(r.value, language);
}

/**
 * The unit the value is in. A reading refused because the record does not take the device's
 * unit carries that unit in its refusal; it is shown with the value, never the record's unit.
 */
export const pendingUnit = (r: PendingReading): string =>
  r.refusal?.code === 'devices.unit_mismatch' ? r.refusal.unit : r.unit;

export const isConfirmable = (r: PendingReading): boolean => r.refusal === null;

const kindRank = (kind: string) => {
  const i = (READING_KINDS as readonly string[]).indexOf(kind);
  return i < 0 ? READING_KINDS.length : i;
};

/**
 * The order the doctor reads them in: live values first, in a fixed place per device and kind
 * (so a value that updates every second stays where it is), then readings from device memory,
 * newest first.
 */
export function displayOrder(pending: readonly PendingReading[]): PendingReading[] {
  const live = pending
    .filter((r) => !r.stored)
    .sort((a, b) => a.deviceKey.localeCompare(b.deviceKey) || kindRank(a.kind) - kindRank(b.kind));
  const stored = pending.filter((r) => r.stored).sort((a, b) => b.measuredAt.localeCompare(a.measuredAt));
  return [...live, ...stored];
}
