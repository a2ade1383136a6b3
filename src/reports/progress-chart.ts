import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * The leaders' chart, drawn on the server without a browser: ECharts renders SVG, resvg turns it
 * into PNG with DejaVu Sans from the npm registry, so Vietnamese names keep their diacritics on a
 * machine with no fonts installed. Both load on the first chart, not at the bot's start: ECharts
 * alone is some 40 MB of a process that may never draw.
 */
let drawing: Promise<[typeof import("echarts"), typeof import("@resvg/resvg-js")]> | undefined;
const drawingLibraries = () => (drawing ??= Promise.all([import("echarts"), import("@resvg/resvg-js")]));
const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = [join(FONT_DIR, "DejaVuSans.ttf"), join(FONT_DIR, "DejaVuSans-Bold.ttf")];
const FONT = "DejaVu Sans";

export interface ChartSeries {
  name: string;
  color: string;
  values: number[];
}

export interface StackedBarChart {
  title: string;
  categories: string[];
  series: ChartSeries[];
}

export async function renderStackedBarSvg(chart: StackedBarChart, width = 900): Promise<string> {
  const [echarts] = await drawingLibraries();
  const height = Math.max(320, 110 + chart.categories.length * 34);
  const instance = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  instance.setOption({
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FONT },
    title: { text: chart.title, left: "center", top: 8, textStyle: { fontFamily: FONT, fontSize: 18 } },
    legend: { top: 40, textStyle: { fontFamily: FONT } },
    grid: { left: 12, right: 24, top: 76, bottom: 16, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: chart.categories, inverse: true, axisLabel: { fontFamily: FONT, width: 260, overflow: "truncate" } },
    series: chart.series.map((series) => ({ name: series.name, type: "bar", stack: "total", data: series.values, itemStyle: { color: series.color }, barMaxWidth: 26 })),
  });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

export async function renderStackedBarPng(chart: StackedBarChart): Promise<Buffer> {
  const [, { Resvg }] = await drawingLibraries();
  const svg = await renderStackedBarSvg(chart);
  const resvg = new Resvg(svg, { font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT }, background: "#ffffff" });
  return Buffer.from(resvg.render().asPng());
}
