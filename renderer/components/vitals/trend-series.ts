import type { Interpretation } from '../../../contract/records/vitals.js';

export interface TrendValue {
  readonly at: string;
  readonly value: number;
  readonly interpretation: Interpretation | null;
}

/** One line of a trend chart: a measured quantity over time. */
export interface TrendSeries {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  readonly color: string;
  readonly values: readonly TrendValue[];
}

export interface TrendRow {
  readonly at: string;
  readonly cells: readonly (TrendValue | null)[];
}

/** The chart's values as table rows, newest first: one row per time, one cell per series. */
export function trendRows(series: readonly TrendSeries[]): TrendRow[] {
  const times = [...new Set(series.flatMap((s) => s.values.map((v) => v.at)))].sort().reverse();
  return times.map((at) => ({ at, cells: series.map((s) => s.values.find((v) => v.at === at) ?? null) }));
}
