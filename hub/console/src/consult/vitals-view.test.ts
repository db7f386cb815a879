import { describe, expect, it } from 'vitest';
import type { VitalReading } from '../../../../contract/records/visit.js';
import { latestPerKind, trendCharts } from './vitals-view.js';

let n = 0;
function reading(over: Partial<VitalReading>): VitalReading {
  n++;
  return {
    id: `r${n}`,
    version: 1,
    kind: 'heartRate',
    loinc: '8867-4',
    value: 70,
    value2: null,
    unit: '/min',
    interpretation: 'N',
    interpretation2: null,
    context: null,
    status: 'final',
    effectiveAt: '2025-06-01T08:00:00.000Z',
    visitId: null,
    ...over,
  };
}

describe('vitals view', () => {
  it('shows the newest reading of each kind and never a struck-out one', () => {
    const old = reading({ value: 70, effectiveAt: '2025-06-01T08:00:00.000Z' });
    const newer = reading({ value: 88, effectiveAt: '2025-06-02T08:00:00.000Z' });
    const wrong = reading({ value: 200, effectiveAt: '2025-06-03T08:00:00.000Z', status: 'entered-in-error' });
    const bp = reading({ kind: 'bloodPressure', value: 165, value2: 95, unit: 'mm[Hg]' });
    const latest = latestPerKind([newer, old, wrong, bp]);
    expect(latest).toHaveLength(2);
    expect(latest.find((r) => r.kind === 'heartRate')?.value).toBe(88);
  });

  it('draws blood pressure as two lines and a kind in two units as two lines, values as measured', () => {
    const readings = [
      reading({ kind: 'bloodPressure', value: 165.5, value2: 95, interpretation2: 'H', unit: 'mm[Hg]' }),
      reading({ kind: 'glucose', value: 6.12, unit: 'mmol/L' }),
      reading({ kind: 'glucose', value: 110, unit: 'mg/dL' }),
      reading({ kind: 'spo2', value: 97, unit: '%', status: 'entered-in-error' }),
    ];
    const charts = trendCharts(readings, (k) => k);
    expect(charts.map((c) => c.kind)).toEqual(['bloodPressure', 'glucose']);
    const [bp, glucose] = charts;
    expect(bp?.series.map((s) => s.values.map((v) => v.value))).toEqual([[165.5], [95]]);
    expect(bp?.series[1]?.values[0]?.interpretation).toBe('H');
    expect(glucose?.series.map((s) => [s.unit, s.values.map((v) => v.value)])).toEqual([
      ['mmol/L', [6.12]],
      ['mg/dL', [110]],
    ]);
  });
});
