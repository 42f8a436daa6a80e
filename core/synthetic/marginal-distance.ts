import { cellNumber } from './column-kind.js';
import type { ColumnPlan } from './fit-customer-model.js';

type Rows = readonly Readonly<Record<string, string>>[];

/** How far one column's synthetic marginal is from the real one. */
export interface ColumnDistance {
  column: string;
  kind: 'number' | 'date' | 'category';
  /** `ks` (two-sample Kolmogorov–Smirnov) for numbers and dates, `tv` for categories. */
  statistic: 'ks' | 'tv';
  distance: number;
  /** |real − synthetic| share of blank cells. */
  blank_share_difference: number;
}

/** The marginal distance of every modelled column between real and synthetic rows. */
export function marginalDistances(
  plans: readonly ColumnPlan[],
  real: Rows,
  synthetic: Rows,
): ColumnDistance[] {
  const distances: ColumnDistance[] = [];
  for (const plan of plans) {
    if (!('marginal' in plan)) continue;
    const realValues = real.map((row) => row[plan.column] ?? '');
    const syntheticValues = synthetic.map((row) => row[plan.column] ?? '');
    const blank = Math.abs(blankShare(realValues) - blankShare(syntheticValues));

    if (plan.kind === 'category') {
      distances.push({
        column: plan.column,
        kind: plan.kind,
        statistic: 'tv',
        distance: totalVariation(realValues, syntheticValues),
        blank_share_difference: blank,
      });
      continue;
    }
    const kind = plan.kind;
    const numbers = (values: readonly string[]): Float64Array =>
      Float64Array.from(
        values.map((value) => cellNumber(kind, value)).filter((n): n is number => n !== null),
      ).sort();
    distances.push({
      column: plan.column,
      kind: plan.kind,
      statistic: 'ks',
      distance: kolmogorovSmirnov(numbers(realValues), numbers(syntheticValues)),
      blank_share_difference: blank,
    });
  }
  return distances;
}

/** Total variation distance between the category frequencies (blank counts as a category). */
export function totalVariation(a: readonly string[], b: readonly string[]): number {
  const shares = (values: readonly string[]): Map<string, number> => {
    const counts = new Map<string, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1 / values.length);
    return counts;
  };
  const left = shares(a);
  const right = shares(b);
  let sum = 0;
  for (const key of new Set([...left.keys(), ...right.keys()])) {
    sum += Math.abs((left.get(key) ?? 0) - (right.get(key) ?? 0));
  }
  return sum / 2;
}

/** The two-sample KS statistic: the largest gap between the two empirical CDFs (inputs sorted). */
export function kolmogorovSmirnov(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : 1;
  let i = 0;
  let j = 0;
  let largest = 0;
  while (i < a.length && j < b.length) {
    const value = Math.min(a[i] ?? 0, b[j] ?? 0);
    while (i < a.length && (a[i] ?? 0) <= value) i++;
    while (j < b.length && (b[j] ?? 0) <= value) j++;
    largest = Math.max(largest, Math.abs(i / a.length - j / b.length));
  }
  return largest;
}

function blankShare(values: readonly string[]): number {
  return values.length === 0 ? 0 : values.filter((value) => value === '').length / values.length;
}
