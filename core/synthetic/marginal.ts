import { cellNumber, type ColumnKind } from './column-kind.js';

/**
 * One column's distribution, laid out on [0, 1) for the copula: blank cells take the first
 * `nullShare` of the interval, then the values in order (categories in `categories` order,
 * numbers ascending). `intervalOf` maps a real cell to its sub-interval; `valueAt` maps a
 * point back to a cell.
 */
export type Marginal = CategoryMarginal | NumericMarginal;

/** Frequencies of a category column, in copula order (set by `orderCategories`). */
export interface CategoryMarginal {
  kind: 'category';
  column: string;
  nullShare: number;
  categories: string[];
  /** Share of filled rows per category, aligned with `categories`. */
  shares: number[];
  /** True when every category is a number, so value order is their natural order. */
  numericValues: boolean;
  /** A value set by a rule, not the copula (see `StructuralValue`); outside `categories`. */
  structural?: string;
}

/** Empirical quantiles of a number or date column (dates as epoch milliseconds). */
export interface NumericMarginal {
  kind: 'number' | 'date';
  column: string;
  nullShare: number;
  /** Values at evenly spaced probabilities 0 … 1 of the filled rows, ascending. */
  knots: number[];
  /** Digits after the point to write (0 for whole numbers); dates: whether day-only. */
  decimals: number;
  dateOnly: boolean;
  /** The filled values, ascending; kept for fitting only, never sampled from directly. */
  sorted: Float64Array;
}

// Enough knots that interpolation error is below sampling noise for any realistic table.
const MAX_KNOTS = 1001;
const MAX_DECIMALS = 6;

/** Fits the marginal of a column of kind number, date or category. */
export function fitMarginal(
  column: string,
  kind: Exclude<ColumnKind, 'identifier' | 'email' | 'empty'>,
  values: readonly string[],
  structural?: string,
): Marginal {
  if (kind === 'category') {
    if (structural === undefined) return fitCategories(column, values);
    const marginal = fitCategories(
      column,
      values.filter((value) => value !== structural),
    );
    return { ...marginal, structural };
  }

  const numbers = values.map((value) => cellNumber(kind, value));
  const filled = Float64Array.from(numbers.filter((n): n is number => n !== null)).sort();
  const knotCount = Math.min(MAX_KNOTS, filled.length);
  const knots = Array.from({ length: knotCount }, (_, i) =>
    quantileOfSorted(filled, knotCount === 1 ? 0 : i / (knotCount - 1)),
  );
  const filledText = values.filter((value, i) => value !== '' && numbers[i] !== null);
  return {
    kind,
    column,
    nullShare: 1 - filled.length / values.length,
    knots,
    decimals: kind === 'number' ? Math.min(MAX_DECIMALS, maxDecimals(filledText)) : 0,
    dateOnly: kind === 'date' && filledText.every((value) => value.length === 10),
    sorted: filled,
  };
}

function fitCategories(column: string, values: readonly string[]): CategoryMarginal {
  const counts = new Map<string, number>();
  for (const value of values) if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
  const filled = [...counts.values()].reduce((sum, count) => sum + count, 0);
  const numericValues = [...counts.keys()].every((value) => cellNumber('number', value) !== null);

  // Most frequent first (ties by name) until the copula settles the order.
  const categories = [...counts.keys()].sort((a, b) =>
    numericValues
      ? Number(a) - Number(b)
      : (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
  );
  return {
    kind: 'category',
    column,
    nullShare: 1 - filled / values.length,
    categories,
    shares: categories.map((category) => (counts.get(category) ?? 0) / Math.max(1, filled)),
    numericValues,
  };
}

/** The sub-interval [low, high) of [0, 1) a cell occupies; ties share one interval. */
export function intervalOf(marginal: Marginal, value: string): [number, number] {
  const { nullShare } = marginal;
  const filledPart = 1 - nullShare;
  const scale = (low: number, high: number): [number, number] => [
    nullShare + filledPart * low,
    nullShare + filledPart * high,
  ];

  if (marginal.kind === 'category') {
    const index = marginal.categories.indexOf(value);
    if (index < 0) return [0, nullShare];
    let low = 0;
    for (let i = 0; i < index; i++) low += marginal.shares[i] ?? 0;
    return scale(low, low + (marginal.shares[index] ?? 0));
  }

  const number = cellNumber(marginal.kind, value);
  if (number === null) return [0, nullShare];
  const n = marginal.sorted.length;
  return scale(lowerBound(marginal.sorted, number) / n, upperBound(marginal.sorted, number) / n);
}

/** The cell at point `u` of [0, 1): blank, a category, or a number/date written as text. */
export function valueAt(marginal: Marginal, u: number): string {
  if (u < marginal.nullShare) return '';
  const p = Math.min(1, (u - marginal.nullShare) / (1 - marginal.nullShare));

  if (marginal.kind === 'category') {
    let cumulative = 0;
    for (let i = 0; i < marginal.categories.length; i++) {
      cumulative += marginal.shares[i] ?? 0;
      if (p < cumulative) return marginal.categories[i] ?? '';
    }
    return marginal.categories.at(-1) ?? '';
  }

  const number = interpolate(marginal.knots, p);
  if (marginal.kind === 'date') return formatDate(number, marginal.dateOnly);
  return formatNumber(number, marginal.decimals);
}

function interpolate(knots: readonly number[], p: number): number {
  const position = p * (knots.length - 1);
  const below = Math.floor(position);
  const low = knots[below] ?? knots.at(-1) ?? 0;
  const high = knots[below + 1] ?? low;
  return low + (high - low) * (position - below);
}

function quantileOfSorted(sorted: Float64Array, p: number): number {
  const position = p * (sorted.length - 1);
  const below = Math.floor(position);
  const low = sorted[below] ?? 0;
  const high = sorted[Math.min(sorted.length - 1, below + 1)] ?? low;
  return low + (high - low) * (position - below);
}

function lowerBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function upperBound(sorted: Float64Array, value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? 0) <= value) low = middle + 1;
    else high = middle;
  }
  return low;
}

function maxDecimals(values: readonly string[]): number {
  let most = 0;
  for (const value of values) {
    const match = /\.(\d+)(?:[eE]|$)/.exec(value.trim());
    if (match?.[1] !== undefined) most = Math.max(most, match[1].length);
  }
  return most;
}

function formatNumber(value: number, decimals: number): string {
  const text = value.toFixed(decimals);
  return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
}

function formatDate(time: number, dateOnly: boolean): string {
  const iso = new Date(Math.round(time)).toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}
