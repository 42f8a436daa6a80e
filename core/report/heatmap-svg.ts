/** A grid of signed values (e.g. z-scores) with labelled rows and columns. */
export interface Heatmap {
  title: string;
  rows: readonly string[];
  columns: readonly string[];
  /** values[r][c]; drawn from blue (negative) through white to red (positive). */
  values: readonly (readonly number[])[];
  /** The magnitude drawn at full colour; larger values are clipped. 2 when absent. */
  limit?: number;
}

const CELL_W = 96;
const CELL_H = 28;
const LABEL_W = 240;
const TOP = 56;

/** Draws a heatmap as a standalone SVG document, each cell labelled with its value. */
export function renderHeatmapSvg(heatmap: Heatmap): string {
  const limit = heatmap.limit ?? 2;
  const width = LABEL_W + CELL_W * heatmap.columns.length + 16;
  const height = TOP + CELL_H * heatmap.rows.length + 16;

  const header = heatmap.columns.map((column, c) => {
    const x = LABEL_W + c * CELL_W + CELL_W / 2;
    return `<text x="${x}" y="${TOP - 8}" text-anchor="middle">${escapeXml(column)}</text>`;
  });
  const cells = heatmap.rows.flatMap((row, r) => {
    const y = TOP + r * CELL_H;
    const text = escapeXml(row);
    const label = `<text x="${LABEL_W - 8}" y="${y + 18}" text-anchor="end">${text}</text>`;
    const boxes = heatmap.columns.map((_, c) => {
      const value = heatmap.values[r]?.[c] ?? 0;
      const x = LABEL_W + c * CELL_W;
      return [
        `<rect x="${x}" y="${y}" width="${CELL_W}" height="${CELL_H}"`,
        ` fill="${colour(value, limit)}" stroke="#fff"/>`,
        `<text x="${x + CELL_W / 2}" y="${y + 18}" text-anchor="middle">${value.toFixed(2)}</text>`,
      ].join('');
    });
    return [label, ...boxes];
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<g font-family="sans-serif" font-size="11">`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="13">`,
    `${escapeXml(heatmap.title)}</text>`,
    ...header,
    ...cells,
    `</g>`,
    `</svg>`,
  ].join('\n');
}

// White at 0, blending to red (#d1242f) for positive and blue (#1f6feb) for negative values.
function colour(value: number, limit: number): string {
  const t = Math.min(1, Math.abs(value) / limit);
  const target = value >= 0 ? [209, 36, 47] : [31, 111, 235];
  const mix = target.map((channel) => Math.round(255 + (channel - 255) * t));
  return `rgb(${mix.join(',')})`;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
