import type { StationApi } from '../../../../contract/index.js';
import type { TimelineEntry, VitalReading } from '../../../../contract/records/visit.js';
import { kindOfLoinc } from '../../../components/vitals/vital-kinds.js';

/**
 * The newest valid reading of each kind. The timeline says which readings are current and when
 * each was first taken; the visits holding them give the full readings (unit, flags, glucose
 * context). Usually one or two visits are read.
 */
export async function latestReadings(station: StationApi, timeline: readonly TimelineEntry[]): Promise<VitalReading[]> {
  const versions = new Map<string, { current: TimelineEntry; firstAt: string }>();
  for (const entry of timeline) {
    if (entry.type !== 'Observation') continue;
    const seen = versions.get(entry.recordId);
    versions.set(entry.recordId, {
      current: seen && seen.current.version > entry.version ? seen.current : entry,
      firstAt: seen && seen.firstAt < entry.at ? seen.firstAt : entry.at,
    });
  }
  const newest = new Map<string, { id: string; visitId: string | null; firstAt: string }>();
  for (const [id, { current, firstAt }] of versions) {
    const kind = kindOfLoinc(typeof current.summary['loinc'] === 'string' ? current.summary['loinc'] : null);
    if (kind === null || current.status === 'entered-in-error') continue;
    const best = newest.get(kind);
    if (!best || best.firstAt < firstAt) newest.set(kind, { id, visitId: current.visitId, firstAt });
  }
  const wanted = new Set([...newest.values()].map((n) => n.id));
  const visitIds = [...new Set([...newest.values()].flatMap((n) => (n.visitId ? [n.visitId] : [])))];
  const visits = await Promise.all(visitIds.map((id) => station.visits.get({ id })));
  return visits.flatMap((v) => v.vitals).filter((r) => wanted.has(r.id));
}
