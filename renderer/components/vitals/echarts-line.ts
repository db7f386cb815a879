// Loaded on demand: ECharts is the largest library of the renderer, and only the record pages draw charts.
import { LineChart } from 'echarts/charts';
import type { LineSeriesOption } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import type { GridComponentOption } from 'echarts/components';
import { init, use as registerCharts } from 'echarts/core';
import type { ComposeOption, EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// ECharts' own registration, not React's `use`.
registerCharts([LineChart, GridSimpleComponent, SVGRenderer]);

export type LineChartOption = ComposeOption<LineSeriesOption | GridComponentOption>;

/** A line chart drawn as SVG (no canvas, no inline script; works under the renderer's CSP). */
export function createLineChart(element: HTMLElement, language: string): EChartsType {
  return init(element, null, { renderer: 'svg', locale: language.startsWith('zh') ? 'ZH' : 'EN' });
}
