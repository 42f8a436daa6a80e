import type { ChartSeries } from './line-chart-svg.js';

/** A line chart whose axes run from 0 to the data's maximum (counts, weeks, money). */
export interface ScaledChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** Names for the x values 0, 1, 2, … (e.g. `7+`), instead of numbers. */
  xNames?: readonly string[];
  /** A dashed vertical line, e.g. where calibration ends. */
  markX?: { at: number; label: string };
}

const WIDTH = 420;
const HEIGHT = 320;
const MARGIN = { left: 56, right: 16, top: 32, bottom: 44 };
const COLOURS = ['#1f6feb', '#d1242f', '#8250df', '#1a7f37', '#6e7781'];

/** Several scaled charts side by side in one standalone SVG document. */
export function renderScaledChartsSvg(charts: readonly ScaledChart[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH * charts.length}" height="${HEIGHT}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    ...charts.map((chart, index) => renderScaledChart(chart, index * WIDTH)),
    `</svg>`,
  ].join('\n');
}

function renderScaledChart(chart: ScaledChart, offsetX: number): string {
  const points = chart.series.flatMap((s) => s.points);
  // Named x values sit evenly across the whole axis; numbers get a round axis end.
  const xMax = chart.xNames
    ? Math.max(1, chart.xNames.length - 1)
    : niceCeiling(Math.max(1e-9, ...points.map(([px]) => px)));
  const yMax = niceCeiling(Math.max(1e-9, ...points.map(([, py]) => py)));
  const plotW = WIDTH - MARGIN.left - MARGIN.right;
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number): number => round(offsetX + MARGIN.left + (v / xMax) * plotW);
  const y = (v: number): number => round(MARGIN.top + (1 - v / yMax) * plotH);

  const xTicks = chart.xNames
    ? chart.xNames.map((name, i) => [i, name] as const)
    : ticks(xMax).map((t) => [t, label(t)] as const);
  const grid = [
    ...xTicks.map(
      ([t, name]) =>
        `<line x1="${x(t)}" y1="${y(0)}" x2="${x(t)}" y2="${y(yMax)}" stroke="#eee"/>` +
        `<text x="${x(t)}" y="${y(0) + 14}" text-anchor="middle">${escapeXml(name)}</text>`,
    ),
    ...ticks(yMax).map(
      (t) =>
        `<line x1="${x(0)}" y1="${y(t)}" x2="${x(xMax)}" y2="${y(t)}" stroke="#eee"/>` +
        `<text x="${x(0) - 6}" y="${y(t) + 4}" text-anchor="end">${label(t)}</text>`,
    ),
  ];

  const lines = chart.series.map((series, index) => {
    const colour = COLOURS[index % COLOURS.length];
    const path = series.points.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`);
    const dash = series.dashed ? ' stroke-dasharray="4 4"' : '';
    // Legends sit top left, where rising counts leave room.
    return (
      `<polyline fill="none" stroke="${colour}" stroke-width="2"${dash} points="${path.join(' ')}"/>` +
      `<text x="${x(0) + 6}" y="${y(yMax) + 14 + index * 14}" fill="${colour}">` +
      `${escapeXml(series.name)}</text>`
    );
  });

  const mark = chart.markX
    ? `<line x1="${x(chart.markX.at)}" y1="${y(0)}" x2="${x(chart.markX.at)}" y2="${y(yMax)}" ` +
      `stroke="#888" stroke-dasharray="2 3"/><text x="${x(chart.markX.at) + 4}" ` +
      `y="${y(0) - 6}" fill="#555">${escapeXml(chart.markX.label)}</text>`
    : '';

  return [
    `<g font-family="sans-serif" font-size="11">`,
    `<text x="${offsetX + WIDTH / 2}" y="18" text-anchor="middle" font-size="13">` +
      `${escapeXml(chart.title)}</text>`,
    ...grid,
    `<rect x="${x(0)}" y="${y(yMax)}" width="${plotW}" height="${plotH}" fill="none" stroke="#888"/>`,
    mark,
    ...lines,
    `<text x="${x(xMax / 2)}" y="${HEIGHT - 8}" text-anchor="middle">${escapeXml(chart.xLabel)}</text>`,
    `<text transform="translate(${offsetX + 14},${y(yMax / 2)}) rotate(-90)" text-anchor="middle">` +
      `${escapeXml(chart.yLabel)}</text>`,
    `</g>`,
  ].join('\n');
}

// 1, 2 or 5 times a power of ten: axis ends a reader can take in at a glance.
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((s) => s * power >= value) ?? 10;
  return step * power;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}

function ticks(max: number): number[] {
  return [0, 0.25, 0.5, 0.75, 1].map((f) => f * max);
}

function label(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 1 ? 2 : 1);
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
