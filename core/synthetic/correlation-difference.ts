import { correlationOf } from './gaussian-copula.js';
import { cellNumber } from './column-kind.js';
import type { ColumnPlan } from './fit-customer-model.js';

type Rows = readonly Readonly<Record<string, string>>[];

/** The largest gap between the real and synthetic correlation matrices, and where it is. */
export interface CorrelationDifference {
  max_abs_difference: number;
  mean_abs_difference: number;
  /** The two encoded columns of the largest gap, e.g. `tenure` and `Contract=Two year`. */
  pair: [string, string];
  real: number;
  synthetic: number;
  features: number;
}

// One indicator per category keeps the measure independent of how the copula orders them.
const MAX_INDICATORS_PER_COLUMN = 30;

/**
 * Compares Pearson correlations of both tables over one encoding fitted on the real rows:
 * numbers and dates as values (blanks at the real mean), each category of a column as a 0/1
 * indicator (blank included). Pairs within one source column are skipped (indicators of one
 * column are correlated by construction).
 */
export function correlationDifference(
  plans: readonly ColumnPlan[],
  real: Rows,
  synthetic: Rows,
): CorrelationDifference {
  const features = encodingOf(plans, real);
  const realCorrelation = correlationOf(encode(features, real), real.length, features.length);
  const syntheticCorrelation = correlationOf(
    encode(features, synthetic),
    synthetic.length,
    features.length,
  );

  let largest = { gap: 0, i: 0, j: 0 };
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < features.length; i++) {
    for (let j = 0; j < i; j++) {
      if (features[i]?.column === features[j]?.column) continue;
      const at = i * features.length + j;
      const gap = Math.abs((realCorrelation[at] ?? 0) - (syntheticCorrelation[at] ?? 0));
      sum += gap;
      pairs += 1;
      if (gap > largest.gap) largest = { gap, i, j };
    }
  }
  const at = largest.i * features.length + largest.j;
  return {
    max_abs_difference: largest.gap,
    mean_abs_difference: pairs === 0 ? 0 : sum / pairs,
    pair: [features[largest.i]?.name ?? '', features[largest.j]?.name ?? ''],
    real: realCorrelation[at] ?? 0,
    synthetic: syntheticCorrelation[at] ?? 0,
    features: features.length,
  };
}

interface Feature {
  column: string;
  name: string;
  value: (cell: string) => number;
}

function encodingOf(plans: readonly ColumnPlan[], real: Rows): Feature[] {
  const features: Feature[] = [];
  for (const plan of plans) {
    if (!('marginal' in plan)) continue;
    const cells = real.map((row) => row[plan.column] ?? '');
    if (plan.kind === 'category') {
      const categories = [...new Set(cells)].sort().slice(0, MAX_INDICATORS_PER_COLUMN);
      for (const category of categories) {
        features.push({
          column: plan.column,
          name: `${plan.column}=${category || '(blank)'}`,
          value: (cell) => (cell === category ? 1 : 0),
        });
      }
      continue;
    }
    const kind = plan.kind;
    const numbers = cells
      .map((cell) => cellNumber(kind, cell))
      .filter((n): n is number => n !== null);
    const mean = numbers.reduce((sum, n) => sum + n, 0) / Math.max(1, numbers.length);
    features.push({
      column: plan.column,
      name: plan.column,
      value: (cell) => cellNumber(kind, cell) ?? mean,
    });
  }
  return features;
}

function encode(features: readonly Feature[], rows: Rows): Float64Array {
  const data = new Float64Array(rows.length * features.length);
  rows.forEach((row, r) => {
    features.forEach((feature, j) => {
      data[r * features.length + j] = feature.value(row[feature.column] ?? '');
    });
  });
  return data;
}
