import type { ColumnSpec, DroppedColumn } from './feature-types.js';
import { MISSING_CATEGORY, categoryOf, isBlank, parseNumber, type PropertyRow } from './values.js';

/** What the pipeline decided about the columns of a training set. */
export interface InferredColumns {
  columns: ColumnSpec[];
  dropped: DroppedColumn[];
  warnings: string[];
}

// A column is numeric when at least half of its filled-in values parse as numbers: a few typed
// notes ('N/A', 'twelve') in a number column are missing values, not a reason to one-hot it.
const NUMERIC_SHARE = 0.5;
// Text columns where more than this share of values are distinct are identifiers, not features.
const ID_LIKE_UNIQUE_SHARE = 0.9;
// Below this many distinct values, uniqueness says nothing about being an identifier.
const ID_LIKE_MIN_DISTINCT = 20;
// At most this many categories per column get their own encoded column.
const MAX_CATEGORIES = 50;
// A right-skewed non-negative column (money, counts) is log-scaled above this skewness.
const LOG_SKEWNESS = 2;
const QUANTILES = [0.1, 0.3, 0.5, 0.7, 0.9];

// CRM bookkeeping that describes the record, not the customer, plus crm-ml's own output.
const BOOKKEEPING = new Set(['hs_object_id', 'createdate', 'lastmodifieddate', 'id']);
const BOOKKEEPING_PREFIXES = ['hs_', 'crm_ml_'];

/** True for properties that are never features, whatever their values. */
export function isBookkeeping(name: string): boolean {
  const lower = name.toLowerCase();
  return BOOKKEEPING.has(lower) || BOOKKEEPING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low] ?? 0;
  return a + ((sorted[high] ?? a) - a) * (position - low);
}

function numericSpec(name: string, values: number[], rowCount: number): ColumnSpec {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((s, v) => s + v, 0) / sorted.length;
  const variance = sorted.reduce((s, v) => s + (v - mean) ** 2, 0) / sorted.length;
  const std = Math.sqrt(variance);
  const skewness =
    std > 0 ? sorted.reduce((s, v) => s + ((v - mean) / std) ** 3, 0) / sorted.length : 0;
  const log = (sorted[0] ?? 0) >= 0 && skewness > LOG_SKEWNESS;

  // Centre and scale on the (possibly logged) values; a zero spread scales by 1, never NaN.
  const shaped = log ? sorted.map((v) => Math.log1p(v)) : sorted;
  const shapedMean = shaped.reduce((s, v) => s + v, 0) / shaped.length;
  const shapedStd = Math.sqrt(
    shaped.reduce((s, v) => s + (v - shapedMean) ** 2, 0) / shaped.length,
  );

  return {
    kind: 'numeric',
    name,
    median: quantile(sorted, 0.5),
    log,
    center: shapedMean,
    scale: shapedStd > 1e-12 ? shapedStd : 1,
    missingIndicator: values.length < rowCount,
    missingShare: 1 - values.length / rowCount,
    quantiles: QUANTILES.map((q) => quantile(sorted, q)),
  };
}

function categoricalSpec(name: string, counts: Map<string, number>, rowCount: number): ColumnSpec {
  // Rare categories get no column of their own: they encode as all-zero, like unseen ones.
  const minCount = Math.max(3, Math.ceil(rowCount * 0.002));
  const kept = [...counts.entries()]
    .filter(([, count]) => count >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CATEGORIES);
  return {
    kind: 'categorical',
    name,
    categories: kept.map(([category]) => category),
    shares: kept.map(([, count]) => count / rowCount),
  };
}

/**
 * A numeric key (record number): distinct integers packed into a range not much wider than
 * their count. Amounts and counts are rarely all distinct and dense at once.
 */
function isNumericKey(numbers: readonly number[]): boolean {
  if (numbers.length <= ID_LIKE_MIN_DISTINCT || !numbers.every(Number.isInteger)) return false;
  if (new Set(numbers).size !== numbers.length) return false;
  // A loop, not Math.max(...numbers): spreading a large column overflows the call stack.
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const v of numbers) {
    low = Math.min(low, v);
    high = Math.max(high, v);
  }
  const span = high - low + 1;
  return span <= 2 * numbers.length;
}

/** Decides each property's kind, or why it is dropped, from the training rows. */
export function inferColumns(
  rows: readonly PropertyRow[],
  exclude: readonly string[],
): InferredColumns {
  const excluded = new Set(exclude);
  const names = [...new Set(rows.flatMap((row) => Object.keys(row)))].sort();
  const columns: ColumnSpec[] = [];
  const dropped: DroppedColumn[] = [];
  const warnings: string[] = [];

  for (const name of names) {
    if (excluded.has(name)) {
      dropped.push({ name, reason: 'excluded' });
      continue;
    }
    if (isBookkeeping(name)) {
      dropped.push({ name, reason: 'bookkeeping' });
      continue;
    }

    const filled = rows.map((row) => row[name]).filter((value) => !isBlank(value));
    const numbers = filled.map(parseNumber).filter((v): v is number => v !== undefined);
    const counts = new Map<string, number>();
    for (const row of rows) {
      const category = categoryOf(row[name]);
      counts.set(category, (counts.get(category) ?? 0) + 1);
    }
    const distinctFilled = counts.size - (counts.has(MISSING_CATEGORY) ? 1 : 0);

    if (filled.length === 0) {
      dropped.push({ name, reason: 'empty' });
    } else if (counts.size <= 1) {
      dropped.push({ name, reason: 'constant' });
    } else if (numbers.length >= NUMERIC_SHARE * filled.length) {
      if (isNumericKey(numbers)) {
        dropped.push({ name, reason: 'id_like' });
        continue;
      }
      if (numbers.length < filled.length) {
        warnings.push(
          `${name}: ${filled.length - numbers.length} non-numeric values treated as missing`,
        );
      }
      columns.push(numericSpec(name, numbers, rows.length));
    } else if (
      distinctFilled > ID_LIKE_MIN_DISTINCT &&
      distinctFilled > ID_LIKE_UNIQUE_SHARE * filled.length
    ) {
      dropped.push({ name, reason: 'id_like' });
    } else {
      const spec = categoricalSpec(name, counts, rows.length);
      if (spec.kind === 'categorical' && spec.categories.length > 0) columns.push(spec);
      else dropped.push({ name, reason: 'no_frequent_values' });
    }
  }
  return { columns, dropped, warnings };
}
