import * as echarts from 'echarts';

export const chartTypes = ['bar', 'line', 'area', 'pie'] as const;
export type ChartType = (typeof chartTypes)[number];

export interface ChartSpec {
  type: ChartType;
  categories: string[];
  series: { name: string; values: number[] }[];
  title?: string;
  width: number;
  height: number;
}

function optionFor(spec: ChartSpec): echarts.EChartsOption {
  const common = {
    animation: false,
    ...(spec.title ? { title: { text: spec.title, left: 'center', textStyle: { fontSize: 14 } } } : {}),
    ...(spec.series.length > 1 || spec.type === 'pie' ? { legend: { bottom: 0 } } : {}),
  };
  if (spec.type === 'pie') {
    const values = spec.series[0]?.values ?? [];
    return {
      ...common,
      series: [
        {
          type: 'pie',
          radius: '60%',
          data: spec.categories.map((name, i) => ({ name, value: values[i] ?? 0 })),
          label: { formatter: '{b}: {d}%' },
        },
      ],
    };
  }
  return {
    ...common,
    grid: {
      left: 16,
      right: 16,
      top: spec.title ? 40 : 16,
      bottom: spec.series.length > 1 ? 40 : 16,
      containLabel: true,
    },
    xAxis: { type: 'category', data: spec.categories, boundaryGap: spec.type === 'bar' },
    yAxis: { type: 'value' },
    series: spec.series.map((s) => ({
      name: s.name,
      type: spec.type === 'bar' ? 'bar' : 'line',
      data: s.values,
      ...(spec.type === 'area' ? { areaStyle: {} } : {}),
    })),
  };
}

/**
 * An SVG drawn server-side by echarts (SSR, no DOM, no JavaScript in the output). echarts escapes every
 * text it writes (labels, names, title), so the result is safe to embed unescaped.
 */
export function renderChartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, {
    renderer: 'svg',
    ssr: true,
    width: spec.width,
    height: spec.height,
  });
  try {
    chart.setOption(optionFor(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
