import type { TimelineEntry } from '../../../../contract/records/visit.js';

/** Every stored version of one record: the current one, and the ones it replaced. */
export interface RecordHistory {
  readonly recordId: string;
  readonly type: TimelineEntry['type'];
  readonly current: TimelineEntry;
  /** Older versions, newest first; a correction shows them beside the value that replaced them. */
  readonly previous: readonly TimelineEntry[];
  /** When the record was first written: where it sits on the timeline, even after a correction. */
  readonly firstAt: string;
  readonly firstBy: string;
}

export type TimelineBlock =
  | {
      readonly kind: 'visit';
      readonly visitId: string;
      readonly at: string;
      readonly encounter: RecordHistory | null;
      readonly records: readonly RecordHistory[];
    }
  | { readonly kind: 'record'; readonly at: string; readonly records: readonly RecordHistory[] };

/** Groups the versions of each record. */
export function recordHistories(entries: readonly TimelineEntry[]): RecordHistory[] {
  const byRecord = new Map<string, TimelineEntry[]>();
  for (const entry of entries) {
    const list = byRecord.get(entry.recordId);
    if (list) list.push(entry);
    else byRecord.set(entry.recordId, [entry]);
  }
  return [...byRecord.values()].map((versions) => {
    const sorted = [...versions].sort((a, b) => b.version - a.version);
    const current = sorted[0] as TimelineEntry;
    const first = sorted[sorted.length - 1] as TimelineEntry;
    return {
      recordId: current.recordId,
      type: current.type,
      current,
      previous: sorted.slice(1),
      firstAt: first.at,
      firstBy: first.by,
    };
  });
}

const newestFirst = (a: { at: string }, b: { at: string }) => b.at.localeCompare(a.at);

/**
 * Arranges the timeline: one block per visit with its readings and diagnoses, and one block per
 * moment the record itself changed (registration); newest first. Notes saved on a visit are
 * versions of the visit, so the block shows the visit as it stands now.
 */
export function timelineBlocks(entries: readonly TimelineEntry[]): TimelineBlock[] {
  const visits = new Map<string, { encounter: RecordHistory | null; records: RecordHistory[] }>();
  const loose = new Map<string, RecordHistory[]>();
  for (const history of recordHistories(entries)) {
    const visitId = history.current.visitId;
    if (visitId !== null) {
      const block = visits.get(visitId) ?? { encounter: null, records: [] };
      if (history.type === 'Encounter') block.encounter = history;
      else block.records.push(history);
      visits.set(visitId, block);
    } else {
      const at = history.firstAt;
      loose.set(at, [...(loose.get(at) ?? []), history]);
    }
  }
  const byFirstWritten = (a: RecordHistory, b: RecordHistory) => a.firstAt.localeCompare(b.firstAt);
  const blocks: TimelineBlock[] = [
    ...[...visits.entries()].map(([visitId, block]) => ({
      kind: 'visit' as const,
      visitId,
      at: block.encounter?.firstAt ?? block.records[0]?.firstAt ?? '',
      encounter: block.encounter,
      records: block.records.sort(byFirstWritten),
    })),
    ...[...loose.entries()].map(([at, records]) => ({ kind: 'record' as const, at, records })),
  ];
  return blocks.sort(newestFirst);
}
