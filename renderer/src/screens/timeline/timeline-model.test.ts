import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../../../contract/records/visit.js';
import { timelineBlocks } from './timeline-model.js';

const entry = (e: Partial<TimelineEntry> & Pick<TimelineEntry, 'recordId' | 'type' | 'at'>): TimelineEntry => ({
  version: 1,
  status: 'final',
  by: '演示医生',
  visitId: null,
  summary: {},
  replaces: null,
  correctionReason: null,
  ...e,
});

describe('timelineBlocks', () => {
  const entries: TimelineEntry[] = [
    // Newest first, as the core sends them.
    entry({
      recordId: 'bp',
      type: 'Observation',
      version: 2,
      status: 'amended',
      at: '2026-03-01T10:30:00Z',
      visitId: 'v1',
      summary: { value: 150 },
      replaces: 1,
      correctionReason: '读数录错',
    }),
    entry({
      recordId: 'v1',
      type: 'Encounter',
      version: 2,
      status: 'finished',
      at: '2026-03-01T10:20:00Z',
      visitId: 'v1',
    }),
    entry({ recordId: 'bp', type: 'Observation', at: '2026-03-01T10:05:00Z', visitId: 'v1', summary: { value: 165 } }),
    entry({ recordId: 'v1', type: 'Encounter', status: 'in-progress', at: '2026-03-01T10:00:00Z', visitId: 'v1' }),
    entry({ recordId: 'p', type: 'Patient', status: 'active', at: '2026-01-01T08:00:00Z' }),
    entry({ recordId: 'c', type: 'Consent', status: 'active', at: '2026-01-01T08:00:00Z' }),
  ];

  it('puts each visit with its records, newest first, and registration in its own block', () => {
    const blocks = timelineBlocks(entries);
    expect(blocks.map((b) => b.kind)).toEqual(['visit', 'record']);
    const [visit, registration] = blocks;
    expect(visit?.kind === 'visit' && visit.encounter?.current.status).toBe('finished');
    expect(visit?.at).toBe('2026-03-01T10:00:00Z');
    expect(registration?.records.map((r) => r.type).sort()).toEqual(['Consent', 'Patient']);
  });

  it('keeps a corrected value beside what it replaced, placed where it was first written', () => {
    const [visit] = timelineBlocks(entries);
    const bp = visit?.records.find((r) => r.recordId === 'bp');
    expect(bp?.current.summary).toEqual({ value: 150 });
    expect(bp?.current.correctionReason).toBe('读数录错');
    expect(bp?.previous.map((p) => p.summary)).toEqual([{ value: 165 }]);
    expect(bp?.firstAt).toBe('2026-03-01T10:05:00Z');
  });
});
