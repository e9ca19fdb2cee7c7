import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import type { Locale } from '../i18n.ts';
import { figure, h } from './h.ts';

// Only the parts the dashboard draws, so the bundle carries no more of ECharts than it uses.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** One chart: labels along the axis and one value per label. */
export interface ChartData {
  title: string;
  kind: 'line' | 'bar';
  labels: string[];
  /** Null where there is no figure (a month no valuation table covers): a gap, not a zero. */
  values: (number | null)[];
  /** Formats a value for the axis, the tooltip and the table. */
  format: (value: number) => string;
}

const charts = new Map<HTMLElement, echarts.ECharts>();

/**
 * Draws `data` into `container` (SVG, so it stays sharp and its text is real text) and writes
 * the same figures as a table into `caption`: the chart's text alternative, which screen readers
 * and keyboard users read instead of the picture. In right-to-left pages the time axis runs from
 * the right, as Arabic readers expect.
 */
export function drawChart(
  locale: Locale,
  container: HTMLElement,
  caption: HTMLElement,
  data: ChartData,
): void {
  charts.get(container)?.dispose();
  // ECharts lays out its own text; in a right-to-left page it would anchor axis labels on the
  // wrong side. The axes are mirrored below instead, and Arabic labels still read right to left.
  container.dir = 'ltr';
  const chart = echarts.init(container, undefined, { renderer: 'svg' });
  charts.set(container, chart);
  const rtl = locale.dir === 'rtl';
  chart.setOption({
    aria: { enabled: true, label: { description: data.title } },
    animation: false,
    textStyle: { fontFamily: 'inherit' },
    grid: { left: 12, right: 12, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (value: unknown) => data.format(Number(value)) },
    xAxis: {
      type: 'category',
      data: data.labels,
      inverse: rtl,
      axisLabel: { color: '#1f2d27', interval: 0, rotate: data.labels.length > 6 ? 30 : 0 },
    },
    yAxis: {
      type: 'value',
      position: rtl ? 'right' : 'left',
      axisLabel: { color: '#1f2d27', formatter: (value: number) => data.format(value) },
    },
    series: [
      {
        type: data.kind,
        data: data.values,
        color: '#0b6e4f',
        ...(data.kind === 'line' && { areaStyle: { opacity: 0.12 }, symbolSize: 7 }),
      },
    ],
  });
  caption.replaceChildren(
    h('span', { class: 'chart-title' }, data.title),
    // In a clipped box: a table is never narrower than its content, whatever its own width.
    h(
      'div',
      { class: 'sr-only' },
      h(
        'table',
        { class: 'chart-data' },
        h('caption', {}, data.title),
        h(
          'tbody',
          {},
          ...data.labels.map((label, i) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, label),
              h(
                'td',
                {},
                figure(
                  data.values[i],
                  data.values[i] === null || data.values[i] === undefined
                    ? '—'
                    : data.format(data.values[i]!),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** Redraws every chart at its container's new size (phone rotation, window resize). */
export function resizeCharts(): void {
  for (const chart of charts.values()) chart.resize();
}
