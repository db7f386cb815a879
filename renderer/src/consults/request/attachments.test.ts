import { describe, expect, it } from 'vitest';
import type { TimelineEntry, VitalReading } from '../../../../contract/records/visit.js';
import { ECG_LOINC } from '../../../../contract/records/vitals.js';
import { VISIT } from '../consult-fixtures.js';
import { attachedVitals, ecgStrips, proposedStrip } from './attachments.js';

let n = 0;
function reading(patch: Partial<VitalReading>): VitalReading {
  return {
    id: `r${++n}`,
    version: 1,
    kind: 'spo2',
    loinc: '59408-5',
    value: 97,
    value2: null,
    unit: '%',
    interpretation: 'N',
    interpretation2: null,
    context: null,
    status: 'final',
    effectiveAt: '2026-11-30T02:00:00.000Z',
    visitId: VISIT,
    ...patch,
  };
}

function entry(patch: Partial<TimelineEntry>): TimelineEntry {
  return {
    recordId: 'e1',
    version: 1,
    type: 'Observation',
    status: 'final',
    at: '2026-11-30T02:00:00.000Z',
    by: 'Dr Zhou',
    visitId: VISIT,
    summary: { loinc: ECG_LOINC, value: null },
    replaces: null,
    correctionReason: null,
    ...patch,
  };
}

describe('the vitals a request attaches', () => {
  it('lists the newest valid reading of each kind, values untouched, without ECG strips', () => {
    const oldSpo2 = reading({ value: 91, effectiveAt: '2026-11-30T01:00:00.000Z' });
    const newSpo2 = reading({ value: 96.5, effectiveAt: '2026-11-30T02:30:00.000Z' });
    const retired = reading({ value: 55, effectiveAt: '2026-11-30T03:00:00.000Z', status: 'entered-in-error' });
    const bp = reading({ kind: 'bloodPressure', loinc: '85354-9', value: 165, value2: 95, unit: 'mm[Hg]' });
    const amended = reading({ kind: 'pulse', loinc: '8867-4', value: 72.25, unit: '/min', status: 'amended' });
    const ecg = reading({ kind: 'ecg', loinc: ECG_LOINC, value: 10, unit: 's' });
    const got = attachedVitals([oldSpo2, newSpo2, retired, bp, amended, ecg]);
    expect(got).toEqual([bp, amended, newSpo2]);
    expect(got.find((r) => r.kind === 'spo2')?.value).toBe(96.5);
  });

  it('takes the later of two readings measured at the same moment, as listed', () => {
    const a = reading({ value: 95 });
    const b = reading({ value: 94 });
    expect(attachedVitals([a, b])).toEqual([b]);
  });
});

describe('the ECG strips a request may attach', () => {
  it('lists standing strips newest first, each once, dated by its first version', () => {
    const strips = ecgStrips([
      entry({ recordId: 'old', at: '2026-10-01T08:00:00.000Z', visitId: 'v-old' }),
      entry({ recordId: 'new', at: '2026-11-30T02:05:00.000Z' }),
      entry({ recordId: 'new', version: 2, status: 'amended', at: '2026-11-30T02:40:00.000Z' }),
      entry({ recordId: 'gone', at: '2026-11-29T08:00:00.000Z' }),
      entry({ recordId: 'gone', version: 2, status: 'entered-in-error', at: '2026-11-29T09:00:00.000Z' }),
      entry({ recordId: 'spo2', summary: { loinc: '59408-5', value: 97 } }),
      entry({ recordId: 'visit', type: 'Encounter', summary: {} }),
    ]);
    expect(strips).toEqual([
      { id: 'new', at: '2026-11-30T02:05:00.000Z', visitId: VISIT },
      { id: 'old', at: '2026-10-01T08:00:00.000Z', visitId: 'v-old' },
    ]);
  });

  it("proposes this visit's newest strip, and none when the visit has none", () => {
    const strips = [
      { id: 'a', at: '2026-11-30T02:05:00.000Z', visitId: 'other' },
      { id: 'b', at: '2026-11-30T01:05:00.000Z', visitId: VISIT },
      { id: 'c', at: '2026-11-30T00:05:00.000Z', visitId: VISIT },
    ];
    expect(proposedStrip(strips, VISIT)).toBe('b');
    expect(proposedStrip(strips, 'elsewhere')).toBeNull();
  });
});
