import { cellNumber } from './column-kind.js';
import type { ColumnPlan } from './fit-customer-model.js';

type Rows = readonly Readonly<Record<string, string>>[];

/** Whether synthetic rows sit closer to the training rows than unseen real rows do. */
export interface PrivacyCheck {
  /** Share of synthetic rows equal to a training row in every modelled column. */
  exact_copy_share: number;
  /** The same share for the real holdout, the level chance alone gives. */
  holdout_exact_copy_share: number;
  /** Median distance to the closest training row (Gower distance, 0…1). */
  synthetic_dcr_median: number;
  holdout_dcr_median: number;
  synthetic_dcr_p05: number;
  holdout_dcr_p05: number;
  /** Share of synthetic rows closer to a training row than 95 % of holdout rows are. */
  closer_than_holdout_p05_share: number;
  /** Rows measured for the distances (a seeded-order sample of each side). */
  sampled: number;
}

/**
 * Exact copies over all rows, and distance to closest record (DCR) for up to `sample` rows of
 * each side: Gower distance over the modelled columns (numbers by |a − b| / real range, a
 * category or a blank mismatch counts 1). Synthetic DCRs like the holdout's mean the
 * generator does not reproduce the rows it learned from any more than unseen customers
 * resemble them.
 */
export function privacyCheck(
  plans: readonly ColumnPlan[],
  train: Rows,
  holdout: Rows,
  synthetic: Rows,
  sample: number,
): PrivacyCheck {
  const columns = plans.filter((plan) => 'marginal' in plan);
  const signature = (row: Readonly<Record<string, string>>): string =>
    JSON.stringify(columns.map((plan) => row[plan.column] ?? ''));
  const trainSignatures = new Set(train.map(signature));
  const copyShare = (rows: Rows): number =>
    rows.length === 0
      ? 0
      : rows.filter((row) => trainSignatures.has(signature(row))).length / rows.length;

  const encoded = encodeForDistance(columns, train);
  const syntheticDcr = closestDistances(encoded, encodeRows(encoded, spread(synthetic, sample)));
  const holdoutDcr = closestDistances(encoded, encodeRows(encoded, spread(holdout, sample)));
  const holdoutP05 = quantile(holdoutDcr, 0.05);
  return {
    exact_copy_share: copyShare(synthetic),
    holdout_exact_copy_share: copyShare(holdout),
    synthetic_dcr_median: quantile(syntheticDcr, 0.5),
    holdout_dcr_median: quantile(holdoutDcr, 0.5),
    synthetic_dcr_p05: quantile(syntheticDcr, 0.05),
    holdout_dcr_p05: holdoutP05,
    closer_than_holdout_p05_share:
      syntheticDcr.filter((d) => d < holdoutP05).length / Math.max(1, syntheticDcr.length),
    sampled: Math.min(sample, synthetic.length, holdout.length),
  };
}

interface DistanceEncoding {
  /** Per column: a range for numbers (dates in ms), null for categories. */
  ranges: (number | null)[];
  columns: ColumnPlan[];
  /** Training rows: numbers (NaN for blank) and category codes (−1 for blank), row-major. */
  rows: Float64Array;
  count: number;
  codes: Map<string, number>[];
}

function encodeForDistance(columns: ColumnPlan[], train: Rows): DistanceEncoding {
  const codes = columns.map(() => new Map<string, number>());
  const ranges = columns.map((plan) => {
    if (plan.kind !== 'number' && plan.kind !== 'date') return null;
    const kind = plan.kind;
    const values = train
      .map((row) => cellNumber(kind, row[plan.column] ?? ''))
      .filter((n): n is number => n !== null);
    const range = Math.max(...values) - Math.min(...values);
    return range > 0 ? range : 1;
  });
  const encoding: DistanceEncoding = { ranges, columns, rows: new Float64Array(), count: 0, codes };
  return { ...encoding, rows: encodeRows(encoding, train), count: train.length };
}

function encodeRows(encoding: Omit<DistanceEncoding, 'rows' | 'count'>, rows: Rows): Float64Array {
  const width = encoding.columns.length;
  const data = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    encoding.columns.forEach((plan, j) => {
      const cell = row[plan.column] ?? '';
      if (plan.kind === 'number' || plan.kind === 'date') {
        data[r * width + j] = cellNumber(plan.kind, cell) ?? Number.NaN;
        return;
      }
      if (cell === '') {
        data[r * width + j] = -1;
        return;
      }
      const codes = encoding.codes[j] as Map<string, number>;
      if (!codes.has(cell)) codes.set(cell, codes.size);
      data[r * width + j] = codes.get(cell) ?? -1;
    });
  });
  return data;
}

function closestDistances(encoding: DistanceEncoding, queries: Float64Array): number[] {
  const width = encoding.columns.length;
  const count = queries.length / Math.max(1, width);
  const distances: number[] = [];
  for (let q = 0; q < count; q++) {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < encoding.count && best > 0; r++) {
      let sum = 0;
      for (let j = 0; j < width && sum < best * width; j++) {
        const a = queries[q * width + j] ?? 0;
        const b = encoding.rows[r * width + j] ?? 0;
        const range = encoding.ranges[j];
        if (range === null || range === undefined) sum += a === b ? 0 : 1;
        else if (Number.isNaN(a) || Number.isNaN(b))
          sum += Number.isNaN(a) && Number.isNaN(b) ? 0 : 1;
        else sum += Math.min(1, Math.abs(a - b) / range);
      }
      best = Math.min(best, sum / width);
    }
    distances.push(best);
  }
  return distances;
}

/** Every k-th row so at most `limit` remain, spread over the whole table. */
function spread(rows: Rows, limit: number): Rows {
  if (rows.length <= limit) return rows;
  const step = rows.length / limit;
  return Array.from(
    { length: limit },
    (_, i) => rows[Math.floor(i * step)] as Readonly<Record<string, string>>,
  );
}

function quantile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
}
