import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMeasured } from '../format.js';
import type * as EchartsLine from './echarts-line.js';
import type { LineChartOption } from './echarts-line.js';
import type { TrendSeries } from './trend-series.js';
import { TrendTable } from './TrendTable.js';

type ChartModule = typeof EchartsLine;
let chartModule: Promise<ChartModule> | null = null;
const loadCharts = () => (chartModule ??= import('./echarts-line.js'));

/** Labels on every point while there are few of them; a touch screen has no hover. */
const LABEL_POINTS_UP_TO = 12;

function optionOf(series: readonly TrendSeries[], language: string): LineChartOption {
  const units = [...new Set(series.map((s) => s.unit))];
  return {
    animation: false,
    grid: { left: 56, right: 24, top: 32, bottom: 32 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value', scale: true, name: units.join(' / ') },
    series: series.map((s) => ({
      type: 'line',
      name: s.label,
      data: s.values.map((v) => [v.at, v.value]),
      showSymbol: true,
      symbolSize: 9,
      color: s.color,
      label: {
        show: s.values.length <= LABEL_POINTS_UP_TO,
        formatter: (p: { value?: unknown }) =>
          Array.isArray(p.value) && typeof p.value[1] === 'number' ? formatMeasured(p.value[1], language) : '',
      },
    })),
  };
}

/**
 * A trend over time drawn with ECharts (SVG), with the same values in a table beside it. Takes
 * its data as props and touches no station API, so the specialist console can reuse it.
 */
export function TrendChart({
  title,
  series,
  testId,
}: {
  title: string;
  series: readonly TrendSeries[];
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const element = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState(false);
  const points = series.reduce((n, s) => n + s.values.length, 0);
  const language = i18n.language;

  useEffect(() => {
    const el = element.current;
    if (el === null || points === 0) return;
    let disposed = false;
    let cleanup: (() => void) | null = null;
    void loadCharts().then(({ createLineChart }) => {
      if (disposed) return;
      const chart = createLineChart(el, language);
      chart.setOption(optionOf(series, language));
      setDrawn(true);
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el);
      cleanup = () => {
        observer.disconnect();
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      cleanup?.();
      setDrawn(false);
    };
  }, [series, points, language]);

  return (
    <figure className="trend" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <figcaption id={`${testId}-title`} className="trend-title">
        {title}
      </figcaption>
      {points === 0 ? (
        <p className="muted">{t('trends.none')}</p>
      ) : (
        <div className="trend-body">
          <div
            ref={element}
            className="trend-chart"
            role="img"
            aria-label={t('trends.chartLabel', { title, count: points })}
            data-points={points}
            data-drawn={drawn}
          />
          <TrendTable caption={title} series={series} />
        </div>
      )}
    </figure>
  );
}
