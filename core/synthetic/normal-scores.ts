import type { SeededRandom } from '../ml/random.js';
import { correlationOf } from './gaussian-copula.js';
import { intervalOf, type CategoryMarginal, type Marginal } from './marginal.js';
import { normalQuantile } from './normal-distribution.js';

const POWER_ITERATIONS = 100;

/**
 * The normal score of every cell (rows × marginals, row-major): a uniform draw inside the
 * cell's interval of its marginal, through Φ⁻¹. Drawing inside ties (and categories) gives
 * every column an exactly normal score, so their correlation is the copula's. A cell holding
 * its column's structural value has no score (NaN): a rule, not the copula, decides it.
 */
export function normalScores(
  marginals: readonly Marginal[],
  rows: readonly Readonly<Record<string, string>>[],
  random: SeededRandom,
): Float64Array {
  const width = marginals.length;
  const scores = new Float64Array(rows.length * width);
  rows.forEach((row, r) => {
    marginals.forEach((marginal, j) => {
      const cell = row[marginal.column] ?? '';
      if (marginal.kind === 'category' && marginal.structural === cell) {
        scores[r * width + j] = Number.NaN;
        return;
      }
      const [low, high] = intervalOf(marginal, cell);
      scores[r * width + j] = normalQuantile(low + random.next() * (high - low));
    });
  });
  return scores;
}

/**
 * Puts the categories of each text column with three or more values in an order that lets a
 * Gaussian copula express their relations: by the mean, over the rows of each category, of the
 * first principal component of the other columns' scores (numbers, dates, yes/no columns).
 * Categories with a natural order (numbers) and two-valued columns keep theirs. Without such
 * columns the order stays most frequent first.
 */
export function orderCategories(
  marginals: readonly Marginal[],
  rows: readonly Readonly<Record<string, string>>[],
  random: SeededRandom,
): void {
  const isFree = (m: Marginal): m is CategoryMarginal =>
    m.kind === 'category' && !m.numericValues && m.categories.length >= 3;
  const anchors = marginals.filter((m) => !isFree(m));
  const free = marginals.filter(isFree);
  if (anchors.length === 0 || free.length === 0) return;

  const scores = normalScores(anchors, rows, random);
  const weights = leadingEigenvector(
    correlationOf(scores, rows.length, anchors.length),
    anchors.length,
  );
  const component = rows.map((_, r) =>
    anchors.reduce((sum, _m, j) => {
      const score = scores[r * anchors.length + j] ?? 0;
      return Number.isNaN(score) ? sum : sum + (weights[j] ?? 0) * score;
    }, 0),
  );

  for (const marginal of free) {
    const totals = new Map<string, { sum: number; count: number }>();
    rows.forEach((row, r) => {
      const entry = totals.get(row[marginal.column] ?? '') ?? { sum: 0, count: 0 };
      entry.sum += component[r] ?? 0;
      entry.count += 1;
      totals.set(row[marginal.column] ?? '', entry);
    });
    const mean = (category: string): number => {
      const entry = totals.get(category);
      return entry === undefined || entry.count === 0 ? 0 : entry.sum / entry.count;
    };
    const order = marginal.categories
      .map((category, i) => ({ category, share: marginal.shares[i] ?? 0 }))
      .sort((a, b) => mean(a.category) - mean(b.category) || a.category.localeCompare(b.category));
    marginal.categories = order.map((entry) => entry.category);
    marginal.shares = order.map((entry) => entry.share);
  }
}

/** The unit eigenvector of the largest eigenvalue of a symmetric matrix, by power iteration. */
function leadingEigenvector(matrix: Float64Array, n: number): Float64Array {
  let vector = new Float64Array(n).fill(1 / Math.sqrt(n));
  for (let step = 0; step < POWER_ITERATIONS; step++) {
    const next = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j < n; j++) sum += (matrix[i * n + j] ?? 0) * (vector[j] ?? 0);
      next[i] = sum;
    }
    const norm = Math.hypot(...next);
    if (!(norm > 0)) break;
    vector = next.map((value) => value / norm);
  }
  return vector;
}
