import { parseNumber } from '../csv/parse-number.js';

/**
 * A number column that is, row by row, close to the product of two others (a total and the
 * months times the monthly charge). A copula keeps only how the three rank together, so a
 * sampled row could pair one month with a year's total; kept as a relation, the column is
 * written as the product times a ratio drawn from the ratios the real rows show.
 */
export interface ProductRelation {
  column: string;
  factors: [string, string];
  /** Quantiles of column ÷ (factor × factor) over the real rows where the product is > 0. */
  ratioKnots: number[];
  /** The column's cells in real rows whose product is 0 (blank, 0, …), to draw from then. */
  zeroProductCells: string[];
}

// A relation must hold for most rows, not by chance: this share of ratios within the band.
const MIN_SHARE_IN_BAND = 0.9;
const BAND_LOW = 0.8;
const BAND_HIGH = 1.25;
const MIN_ROWS = 50;
const RATIO_KNOTS = 101;
const MAX_ZERO_CELLS = 1_000;

/**
 * Finds product relations among numeric columns (`columns` maps each to its cells, in table
 * order). A column is the child of at most one relation (the pair whose ratios spread
 * least), and a child is never a factor, so relations apply in one pass.
 */
export function findProductRelations(
  columns: ReadonlyMap<string, readonly string[]>,
  children: ReadonlySet<string>,
): ProductRelation[] {
  const numbers = new Map(
    [...columns].map(([name, cells]) => [name, cells.map((cell) => parseNumber(cell))]),
  );
  const names = [...numbers.keys()];
  const relations: ProductRelation[] = [];
  const taken = new Set<string>();

  for (const child of names.filter((name) => children.has(name))) {
    let best: { relation: ProductRelation; spread: number } | null = null;
    const factors = names.filter((name) => name !== child && !taken.has(name));
    for (let i = 0; i < factors.length; i++) {
      for (let j = i + 1; j < factors.length; j++) {
        const pair: [string, string] = [factors[i] as string, factors[j] as string];
        const found = relationOf(child, pair, numbers, columns.get(child) ?? []);
        if (found !== null && (best === null || found.spread < best.spread)) best = found;
      }
    }
    // A factor of an earlier relation cannot become a child: that would need two passes.
    if (best === null || relations.some((known) => known.factors.includes(child))) continue;
    relations.push(best.relation);
    taken.add(child);
  }
  return relations;
}

function relationOf(
  child: string,
  factors: [string, string],
  numbers: ReadonlyMap<string, readonly (number | null)[]>,
  childCells: readonly string[],
): { relation: ProductRelation; spread: number } | null {
  const values = numbers.get(child) ?? [];
  const first = numbers.get(factors[0]) ?? [];
  const second = numbers.get(factors[1]) ?? [];
  const ratios: number[] = [];
  const zeroProductCells: string[] = [];

  for (let row = 0; row < values.length; row++) {
    const a = first[row];
    const b = second[row];
    if (a === null || a === undefined || b === null || b === undefined) continue;
    const product = a * b;
    const value = values[row];
    if (product === 0) {
      if (zeroProductCells.length < MAX_ZERO_CELLS) zeroProductCells.push(childCells[row] ?? '');
    } else if (product > 0 && value !== null && value !== undefined) {
      ratios.push(value / product);
    }
  }
  if (ratios.length < MIN_ROWS) return null;

  const inBand = ratios.filter((ratio) => ratio >= BAND_LOW && ratio <= BAND_HIGH).length;
  if (inBand / ratios.length < MIN_SHARE_IN_BAND) return null;

  ratios.sort((x, y) => x - y);
  const ratioKnots = Array.from({ length: RATIO_KNOTS }, (_, k) =>
    quantile(ratios, k / (RATIO_KNOTS - 1)),
  );
  const spread = quantile(ratios, 0.9) - quantile(ratios, 0.1);
  return { relation: { column: child, factors, ratioKnots, zeroProductCells }, spread };
}

/**
 * The child's cell for a row whose factors are written already: the product times the ratio
 * at `u` (a uniform draw from [0, 1)), or a real cell of a zero-product row.
 * Returns null when a factor is blank or not a number: the copula's own value stands.
 */
export function relatedValue(
  relation: ProductRelation,
  row: Readonly<Record<string, string>>,
  u: number,
  decimals: number,
): string | null {
  const a = parseNumber(row[relation.factors[0]] ?? '');
  const b = parseNumber(row[relation.factors[1]] ?? '');
  if (a === null || b === null) return null;

  const product = a * b;
  if (product === 0) {
    const cells = relation.zeroProductCells;
    return cells.length === 0 ? (0).toFixed(decimals) : (cells[Math.floor(u * cells.length)] ?? '');
  }
  return (product * quantile(relation.ratioKnots, u)).toFixed(decimals);
}

/** How a relation holds in some rows: `column ÷ (a × b)` within the band it was found with. */
export interface RelationFit {
  column: string;
  factors: [string, string];
  band: [number, number];
  /** Share of the rows with a positive product (and the column filled) inside the band. */
  share_in_band: number;
}

export function relationFit(
  relation: ProductRelation,
  rows: readonly Readonly<Record<string, string>>[],
): RelationFit {
  let inBand = 0;
  let counted = 0;
  for (const row of rows) {
    const a = parseNumber(row[relation.factors[0]] ?? '');
    const b = parseNumber(row[relation.factors[1]] ?? '');
    const value = parseNumber(row[relation.column] ?? '');
    if (a === null || b === null || value === null || a * b <= 0) continue;
    counted += 1;
    const ratio = value / (a * b);
    if (ratio >= BAND_LOW && ratio <= BAND_HIGH) inBand += 1;
  }
  const { column, factors } = relation;
  return {
    column,
    factors,
    band: [BAND_LOW, BAND_HIGH],
    share_in_band: inBand / Math.max(1, counted),
  };
}

function quantile(sorted: readonly number[], p: number): number {
  const position = Math.min(1, Math.max(0, p)) * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] ?? low;
  return low + (high - low) * (position - below);
}
