import type { VitalReading } from '../../../../contract/records/visit.js';
import type { ReadingKind } from '../../../../renderer/components/vitals/vital-kinds.js';
import type { TrendSeries } from '../../../../renderer/components/vitals/trend-series.js';

const counts = (r: VitalReading) => r.status !== 'entered-in-error';

/** Each kind's newest reading (by when it was measured, then by version); struck-out readings never show. */
export function latestPerKind(readings: readonly VitalReading[]): VitalReading[] {
  const newest = new Map<string, VitalReading>();
  for (const r of readings.filter(counts)) {
    const known = newest.get(r.kind);
    const later =
      !known ||
      Date.parse(r.effectiveAt) > Date.parse(known.effectiveAt) ||
      (Date.parse(r.effectiveAt) === Date.parse(known.effectiveAt) && r.version >= known.version);
    if (later) newest.set(r.kind, r);
  }
  return [...newest.values()];
}

/** One chart: its i18n title key and lines. */
export interface TrendChartSpec {
  readonly key: string;
  readonly kind: ReadingKind;
  readonly series: TrendSeries[];
}

const COLORS = ['#b3261e', '#1f5fa8', '#7b3fa0', '#0a6e5c', '#a06a00'] as const;
const CHARTED: readonly ReadingKind[] = ['bloodPressure', 'heartRate', 'spo2', 'glucose', 'temperature', 'weight'];

/**
 * The trends worth drawing from a summary's readings: one chart per kind that has readings,
 * blood pressure as systolic and diastolic lines, and a kind measured in two units as two lines
 * (never converted). `label` names a kind or a blood-pressure part in the reader's language.
 */
export function trendCharts(
  readings: readonly VitalReading[],
  label: (kind: ReadingKind | 'systolic' | 'diastolic') => string,
): TrendChartSpec[] {
  const valid = readings.filter(counts);
  return CHARTED.flatMap((kind): TrendChartSpec[] => {
    const ofKind = valid.filter((r) => r.kind === kind);
    if (ofKind.length === 0) return [];
    if (kind === 'bloodPressure') {
      const unit = ofKind[0]?.unit ?? 'mm[Hg]';
      const series: TrendSeries[] = [
        {
          key: 'systolic',
          label: label('systolic'),
          unit,
          color: COLORS[0],
          values: ofKind.map((r) => ({ at: r.effectiveAt, value: r.value, interpretation: r.interpretation })),
        },
        {
          key: 'diastolic',
          label: label('diastolic'),
          unit,
          color: COLORS[1],
          values: ofKind.flatMap((r) =>
            r.value2 === null ? [] : [{ at: r.effectiveAt, value: r.value2, interpretation: r.interpretation2 }],
          ),
        },
      ];
      return [{ key: kind, kind, series }];
    }
    const units = [...new Set(ofKind.map((r) => r.unit))];
    const series = units.map((unit, i) => ({
      key: `${kind}-${unit}`,
      label: label(kind),
      unit,
      color: COLORS[(i + 2) % COLORS.length] as string,
      values: ofKind
        .filter((r) => r.unit === unit)
        .map((r) => ({ at: r.effectiveAt, value: r.value, interpretation: r.interpretation })),
    }));
    return [{ key: kind, kind, series }];
  });
}
