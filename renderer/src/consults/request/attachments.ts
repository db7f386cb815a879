import type { TimelineEntry, VitalReading } from '../../../../contract/records/visit.js';
import { ECG_LOINC } from '../../../../contract/records/vitals.js';

const isEcg = (r: Pick<VitalReading, 'kind' | 'loinc'>) => r.kind === 'ecg' || r.loinc === ECG_LOINC;

/**
 * The readings "attach latest vitals" sends, so the form can show them: of the candidates, the
 * newest valid reading of each kind by when it was measured, as the core picks them from the
 * patient's record. ECG strips travel apart, by choice. Values are passed through untouched.
 */
export function attachedVitals(vitals: readonly VitalReading[]): VitalReading[] {
  const newest = new Map<string, VitalReading>();
  for (const r of vitals) {
    if (r.status === 'entered-in-error' || isEcg(r)) continue;
    const seen = newest.get(r.kind);
    if (!seen || new Date(r.effectiveAt).getTime() >= new Date(seen.effectiveAt).getTime()) newest.set(r.kind, r);
  }
  return [...newest.values()].sort((a, b) => a.kind.localeCompare(b.kind));
}

/** One ECG strip the doctor may attach. */
export interface StripChoice {
  readonly id: string;
  /** When it was first recorded. */
  readonly at: string;
  readonly visitId: string | null;
}

/**
 * The patient's ECG strips that still stand (not entered in error), newest first, from the
 * timeline, which holds every version of every record.
 */
export function ecgStrips(timeline: readonly TimelineEntry[]): StripChoice[] {
  const byId = new Map<string, { current: TimelineEntry; firstAt: string }>();
  for (const e of timeline) {
    if (e.type !== 'Observation') continue;
    const seen = byId.get(e.recordId);
    byId.set(e.recordId, {
      current: seen && seen.current.version > e.version ? seen.current : e,
      firstAt: seen && seen.firstAt < e.at ? seen.firstAt : e.at,
    });
  }
  return [...byId.values()]
    .filter(({ current }) => current.summary['loinc'] === ECG_LOINC && current.status !== 'entered-in-error')
    .map(({ current, firstAt }) => ({ id: current.recordId, at: firstAt, visitId: current.visitId }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The strip to propose: the newest recorded in this visit, or none. */
export function proposedStrip(strips: readonly StripChoice[], visitId: string): string | null {
  return strips.find((s) => s.visitId === visitId)?.id ?? null;
}
