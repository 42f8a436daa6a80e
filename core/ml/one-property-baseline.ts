import type { FeaturePipeline } from './feature-pipeline.js';
import { rocAuc } from './metrics.js';
import { categoryOf, parseNumber, type PropertyRow } from './values.js';

/** A one-property rule: the smoothed positive rate of the row's value (or value band). */
export interface OnePropertyBaseline {
  /** The property the rule uses. */
  property: string;
  /** How the rule was built, in words, for reports. */
  description: string;
  predict(rows: readonly PropertyRow[]): Float64Array;
}

// Each group's rate is pulled toward the overall rate as if it held this many extra rows.
const SMOOTHING_ROWS = 10;
const NUMERIC_BANDS = 10;

type KeyFn = (row: PropertyRow) => string;

function keyFunctions(pipeline: FeaturePipeline, rows: readonly PropertyRow[]): Map<string, KeyFn> {
  const keys = new Map<string, KeyFn>();
  for (const spec of pipeline.columns) {
    if (spec.kind === 'categorical') {
      keys.set(spec.name, (row) => categoryOf(row[spec.name]));
      continue;
    }
    // Decile bands of the training values; blanks and bad numbers form their own band.
    const sorted = rows
      .map((row) => parseNumber(row[spec.name]))
      .filter((v): v is number => v !== undefined)
      .sort((a, b) => a - b);
    const edges = [
      ...new Set(
        Array.from(
          { length: NUMERIC_BANDS - 1 },
          (_, i) => sorted[Math.floor(((i + 1) * sorted.length) / NUMERIC_BANDS)] ?? 0,
        ),
      ),
    ];
    keys.set(spec.name, (row) => {
      const v = parseNumber(row[spec.name]);
      if (v === undefined) return 'missing';
      return String(edges.filter((edge) => v >= edge).length);
    });
  }
  return keys;
}

function rateTable(
  rows: readonly PropertyRow[],
  labels: ArrayLike<number>,
  key: KeyFn,
  prior: number,
) {
  const sums = new Map<string, [number, number]>();
  rows.forEach((row, i) => {
    const k = key(row);
    const [positives, count] = sums.get(k) ?? [0, 0];
    sums.set(k, [positives + (labels[i] ?? 0), count + 1]);
  });
  const rates = new Map<string, number>();
  for (const [k, [positives, count]] of sums) {
    rates.set(k, (positives + prior * SMOOTHING_ROWS) / (count + SMOOTHING_ROWS));
  }
  return rates;
}

/**
 * The best single-property rule on the training rows (highest training ROC AUC), the
 * yardstick a model must clearly beat to be worth its complexity.
 */
export function fitOnePropertyBaseline(
  pipeline: FeaturePipeline,
  rows: readonly PropertyRow[],
  labels: ArrayLike<number>,
): OnePropertyBaseline {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] ?? 0;
  const prior = positives / Math.max(1, labels.length);

  let best: { property: string; auc: number; key: KeyFn; rates: Map<string, number> } | undefined;
  for (const [property, key] of keyFunctions(pipeline, rows)) {
    const rates = rateTable(rows, labels, key, prior);
    const auc = rocAuc(
      labels,
      rows.map((row) => rates.get(key(row)) ?? prior),
    );
    if (!best || auc > best.auc) best = { property, auc, key, rates };
  }

  const chosen = best;
  return {
    property: chosen?.property ?? '',
    description: 'positive rate per value (numbers in decile bands) of the single best property',
    predict: (scored) =>
      Float64Array.from(scored, (row) =>
        chosen ? (chosen.rates.get(chosen.key(row)) ?? prior) : prior,
      ),
  };
}
