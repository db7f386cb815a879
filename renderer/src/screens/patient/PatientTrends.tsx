import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Trends } from '../../../../contract/records/visit.js';
import { TrendChart } from '../../../components/vitals/TrendChart.js';
import type { TrendSeries } from '../../../components/vitals/trend-series.js';

const COLORS = { systolic: '#b3261e', diastolic: '#1f5fa8', glucose: '#7b3fa0', weight: '#0a6e5c' } as const;

/** Blood pressure, glucose and weight over time. Glucose in two units is drawn as two lines, never converted. */
export function PatientTrends({ trends }: { trends: Trends }) {
  // t changes with the language, so the labels follow it.
  const { t } = useTranslation();
  const charts = useMemo(() => {
    const bp: TrendSeries[] = [
      {
        key: 'systolic',
        label: t('vitals.kinds.systolic'),
        unit: trends.bloodPressure[0]?.unit ?? 'mmHg',
        color: COLORS.systolic,
        values: trends.bloodPressure.map((p) => ({ at: p.at, value: p.value, interpretation: p.interpretation })),
      },
      {
        key: 'diastolic',
        label: t('vitals.kinds.diastolic'),
        unit: trends.bloodPressure[0]?.unit ?? 'mmHg',
        color: COLORS.diastolic,
        values: trends.bloodPressure.flatMap((p) =>
          p.value2 === null ? [] : [{ at: p.at, value: p.value2, interpretation: null }],
        ),
      },
    ];
    const glucoseUnits = [...new Set(trends.glucose.map((p) => p.unit))];
    const glucose: TrendSeries[] = glucoseUnits.map((unit, i) => ({
      key: `glucose-${unit}`,
      label: t('vitals.kinds.glucose'),
      unit,
      color: i === 0 ? COLORS.glucose : '#a06a00',
      values: trends.glucose
        .filter((p) => p.unit === unit)
        .map((p) => ({ at: p.at, value: p.value, interpretation: p.interpretation })),
    }));
    const weight: TrendSeries[] = [
      {
        key: 'weight',
        label: t('vitals.kinds.weight'),
        unit: trends.weight[0]?.unit ?? 'kg',
        color: COLORS.weight,
        values: trends.weight.map((p) => ({ at: p.at, value: p.value, interpretation: p.interpretation })),
      },
    ];
    return { bp, glucose, weight };
  }, [trends, t]);
  return (
    <section className="trends" aria-labelledby="trends-title">
      <h2 id="trends-title">{t('trends.title')}</h2>
      <TrendChart title={t('trends.bloodPressure')} series={charts.bp} testId="trend-bp" />
      <TrendChart title={t('trends.glucose')} series={charts.glucose} testId="trend-glucose" />
      <TrendChart title={t('trends.weight')} series={charts.weight} testId="trend-weight" />
    </section>
  );
}
