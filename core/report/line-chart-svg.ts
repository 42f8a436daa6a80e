/** One line of a chart: points in data units, drawn in order. */
export interface ChartSeries {
  name: string;
  points: readonly (readonly [number, number])[];
  /** Dashed lines are for references (chance, perfect calibration). */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
}

const WIDTH = 360;
const HEIGHT = 320;
const MARGIN = { left: 48, right: 16, top: 32, bottom: 44 };
const COLOURS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37', '#6e7781'];

/** Draws a chart on the unit square [0, 1]² (ROC curves, calibration) as standalone SVG. */
export function renderLineChartSvg(chart: LineChart, offsetX = 0): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number): number => offsetX + MARGIN.left + clamp(v) * plotW;
  const y = (v: number): number => MARGIN.top + (1 - clamp(v)) * plotH;

  const ticks = [0, 0.25, 0.5, 0.75, 1];
  const grid = ticks.map((t) =>
    [
      `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(1)}" stroke="#eee"/>`,
      `<line x1="${x(0)}" y1="${y(t)}" x2="${x(1)}" y2="${y(t)}" stroke="#eee"/>`,
      `<text x="${x(t)}" y="${y(0) + 14}" text-anchor="middle">${t}</text>`,
      `<text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    ].join(''),
  );

  const lines = chart.series.map((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const path = series.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
    const dash = series.dashed ? ' stroke-dasharray="4 4"' : '';
    // Legends sit bottom right, where ROC and calibration curves leave room.
    const legendY = y(0) - 8 - (chart.series.length - 1 - index) * 14;
    return [
      `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${path.join(' ')}"/>`,
      `<text x="${x(1) - 4}" y="${legendY}" text-anchor="end" fill="${colour}">`,
      `${escapeXml(series.name)}</text>`,
    ].join('');
  });

  return [
    `<g font-family="sans-serif" font-size="11">`,
    `<text x="${offsetX + WIDTH / 2}" y="18" text-anchor="middle" font-size="13">`,
    `${escapeXml(chart.title)}</text>`,
    ...grid,
    `<rect x="${x(0)}" y="${y(1)}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    ...lines,
    `<text x="${x(0.5)}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(${offsetX + 12},${y(0.5)}) rotate(-90)" text-anchor="middle">`,
    `${escapeXml(chart.yLabel)}</text>`,
    `</g>`,
  ].join('\n');
}

/** Several charts side by side in one SVG document. */
export function renderChartsSvg(charts: readonly LineChart[]): string {
  const body = charts.map((chart, index) => renderLineChartSvg(chart, index * WIDTH));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * charts.length}" height="${HEIGHT}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...body,
    `</svg>`,
  ].join('\n');
}

function clamp(value: number): number {
  return Math.min(1, Math.max(0, value));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
