import type { SeededRandom } from '../ml/random.js';
import {
  copulaFromCorrelation,
  correlationOf,
  sampleScores,
  type GaussianCopula,
} from './gaussian-copula.js';
import { valueAt, type CategoryMarginal, type Marginal } from './marginal.js';
import { normalCdf } from './normal-distribution.js';
import { normalScores } from './normal-scores.js';
import type { StructuralValue } from './structural-values.js';

// A step above 1 converges faster where categories damp the latent correlation a lot, and
// still converges (oscillating, shrinking) where they do not damp it at all.
const STEP = 1.5;
const ITERATIONS = 10;
const MIN_SAMPLE = 1000;
const MAX_SAMPLE = 20_000;
const LIMIT = 0.995;

/**
 * The latent correlation that reproduces `target`, the correlation of the real rows' normal
 * scores. Coarse columns (yes/no, a few categories) damp a latent correlation: two columns
 * that always agree in the data show a score correlation well below 1. So the latent matrix
 * is adjusted in turn: sample rows from the copula, score them as the real rows were, move
 * each entry by the gap to the target. Deterministic for the random generator's state.
 *
 * A column governed by a structural rule gets its copula values only on the rows the rule
 * leaves, which are not a random subset; its category shares are adjusted the same way until
 * those rows show the real shares.
 */
export function calibrateCopula(
  marginals: readonly Marginal[],
  target: Float64Array,
  rows: number,
  random: SeededRandom,
  structural: readonly StructuralValue[],
): GaussianCopula {
  const dimension = marginals.length;
  const sampleRows = Math.min(MAX_SAMPLE, Math.max(MIN_SAMPLE, rows));
  const children = childMarginals(marginals, structural);
  const realShares = children.map((marginal) => [...marginal.shares]);
  let latent = Float64Array.from(target);
  let copula = copulaFromCorrelation(latent, dimension);

  for (let step = 0; step < ITERATIONS && dimension > 1; step++) {
    const simulated = simulateRows(copula, marginals, sampleRows, random);
    applyStructuralValues(simulated, structural);
    children.forEach((marginal, i) => adjustShares(marginal, realShares[i] ?? [], simulated));
    const achieved = correlationOf(
      normalScores(marginals, simulated, random),
      sampleRows,
      dimension,
    );
    latent = latent.map((value, index) => {
      if (index % (dimension + 1) === 0) return 1;
      const gap = (target[index] ?? 0) - (achieved[index] ?? 0);
      return Math.max(-LIMIT, Math.min(LIMIT, value + STEP * gap));
    });
    copula = copulaFromCorrelation(latent, dimension);
  }
  return { ...copula, correlation: target };
}

function childMarginals(
  marginals: readonly Marginal[],
  structural: readonly StructuralValue[],
): CategoryMarginal[] {
  return marginals.filter(
    (m): m is CategoryMarginal =>
      m.kind === 'category' && structural.some((rule) => rule.column === m.column),
  );
}

/** Sets each rule's value where its parent has the parent value, as generation does. */
export function applyStructuralValues(
  rows: Record<string, string>[],
  structural: readonly StructuralValue[],
): void {
  for (const row of rows) {
    for (const rule of structural) {
      if (row[rule.parent] === rule.parentValue) row[rule.column] = rule.value;
    }
  }
}

/** Scales each category's share by how far below or above its real share it came out. */
function adjustShares(
  marginal: CategoryMarginal,
  real: readonly number[],
  simulated: readonly Record<string, string>[],
): void {
  const counts = new Map(marginal.categories.map((category) => [category, 0]));
  for (const row of simulated) {
    const cell = row[marginal.column] ?? '';
    const count = counts.get(cell);
    if (count !== undefined) counts.set(cell, count + 1);
  }
  const total = [...counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) return;

  const scaled = marginal.categories.map((category, i) => {
    const achieved = (counts.get(category) ?? 0) / total;
    return (marginal.shares[i] ?? 0) * ((real[i] ?? 0) / Math.max(achieved, 1e-6));
  });
  const sum = scaled.reduce((a, b) => a + b, 0);
  if (sum > 0) marginal.shares = scaled.map((share) => share / sum);
}

function simulateRows(
  copula: GaussianCopula,
  marginals: readonly Marginal[],
  count: number,
  random: SeededRandom,
): Record<string, string>[] {
  const independent = new Float64Array(copula.dimension);
  const scores = new Float64Array(copula.dimension);
  return Array.from({ length: count }, () => {
    sampleScores(copula, random, independent, scores);
    const row: Record<string, string> = {};
    marginals.forEach((marginal, j) => {
      row[marginal.column] = valueAt(marginal, normalCdf(scores[j] ?? 0));
    });
    return row;
  });
}
