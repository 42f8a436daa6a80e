import type { IndexedVector } from '../../core/text/idf-table.js';
import { minimiseLbfgs } from '../../core/ml/minimise-lbfgs.js';

/** Settings of `fitSoftmaxRegression`. */
export interface SoftmaxFitOptions {
  /** Features per row (the largest index + 1). */
  dimension: number;
  classes: number;
  /** Penalty λ on ½‖W‖², relative to the total sample weight (the intercepts are free). */
  l2: number;
  /** Per-row weights, e.g. to balance classes; 1 each when absent. */
  sampleWeights?: Float64Array;
  /** A previous solution to start from (same shape), e.g. the fit at a nearby λ. */
  start?: Float64Array;
  maxIterations?: number;
}

/**
 * A fitted multinomial logistic model. `theta` holds the weights feature-major, K per
 * feature (`theta[j·K + k]`), then the K intercepts: a row's scores touch K adjacent numbers
 * per non-zero feature.
 */
export interface SoftmaxFit {
  theta: Float64Array;
  iterations: number;
  loss: number;
}

/** Writes the class scores z_k = b_k + Σ_j x_j·W[j, k] of `row` into `out`. */
export function classScores(
  row: IndexedVector,
  theta: Float64Array,
  classes: number,
  interceptsAt: number,
  out: Float64Array,
): Float64Array {
  for (let k = 0; k < classes; k++) out[k] = theta[interceptsAt + k]!;
  const { indices, values } = row;
  for (let n = 0; n < indices.length; n++) {
    const base = indices[n]! * classes;
    const x = values[n]!;
    for (let k = 0; k < classes; k++) out[k]! += x * theta[base + k]!;
  }
  return out;
}

/** Turns scores into probabilities in place (shifted by the maximum, so exp never overflows). */
export function softmaxInPlace(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const z of scores) if (z > max) max = z;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k] ?? 0) - max);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k] = (scores[k] ?? 0) / sum;
  return scores;
}

/**
 * L2-regularised multinomial (softmax) logistic regression on sparse rows, fitted by L-BFGS
 * on the whole batch: the objective (weighted mean cross-entropy + λ/2 ‖W‖²) is strictly
 * convex, so the fit is the same on every run and does not depend on a seed or row order
 * beyond floating-point summation.
 */
export function fitSoftmaxRegression(
  rows: readonly IndexedVector[],
  labels: Int32Array,
  options: SoftmaxFitOptions,
): SoftmaxFit {
  const K = options.classes;
  const interceptsAt = options.dimension * K;
  const weights = options.sampleWeights ?? new Float64Array(rows.length).fill(1);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const scores = new Float64Array(K);

  // The hot loop of training: typed arrays, indices known in range, so `!` instead of `?? 0`.
  const objective = (theta: Float64Array) => {
    const gradient = new Float64Array(theta.length);
    let loss = 0;
    for (let i = 0; i < rows.length; i++) {
      const { indices, values } = rows[i]!;
      const s = weights[i]! / total;
      const y = labels[i]!;
      softmaxInPlace(classScores(rows[i]!, theta, K, interceptsAt, scores));
      loss -= s * Math.log(Math.max(scores[y]!, 1e-300));
      scores[y]! -= 1;
      for (let k = 0; k < K; k++) {
        scores[k]! *= s;
        gradient[interceptsAt + k]! += scores[k]!;
      }
      for (let n = 0; n < indices.length; n++) {
        const base = indices[n]! * K;
        const x = values[n]!;
        for (let k = 0; k < K; k++) gradient[base + k]! += x * scores[k]!;
      }
    }
    for (let j = 0; j < interceptsAt; j++) {
      const w = theta[j]!;
      loss += 0.5 * options.l2 * w * w;
      gradient[j]! += options.l2 * w;
    }
    return { loss, gradient };
  };

  const start = options.start ?? new Float64Array(interceptsAt + K);
  const result = minimiseLbfgs(objective, start, {
    maxIterations: options.maxIterations ?? 300,
    tolerance: 1e-6,
  });
  return { theta: result.theta, iterations: result.iterations, loss: result.loss };
}
