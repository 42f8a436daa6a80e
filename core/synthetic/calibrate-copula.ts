import type { SeededRandom } from '../ml/random.js';
import {
  copulaFromCorrelation,
  correlationOf,
  sampleScores,
  type GaussianCopula,
} from './gaussian-copula.js';
import { valueAt, type Marginal } from './marginal.js';
import { normalCdf } from './normal-distribution.js';
import { normalScores } from './normal-scores.js';

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
 */
export function calibrateCopula(
  marginals: readonly Marginal[],
  target: Float64Array,
  rows: number,
  random: SeededRandom,
): GaussianCopula {
  const dimension = marginals.length;
  const sampleRows = Math.min(MAX_SAMPLE, Math.max(MIN_SAMPLE, rows));
  let latent = Float64Array.from(target);
  let copula = copulaFromCorrelation(latent, dimension);

  for (let step = 0; step < ITERATIONS && dimension > 1; step++) {
    const simulated = simulateRows(copula, marginals, sampleRows, random);
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
