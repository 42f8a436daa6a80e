import { sigmoid } from '../../../core/ml/matrix.js';

/** One row of a sparse design matrix: feature indices and their values. */
export interface SparseRow {
  indices: Int32Array;
  values: Float64Array;
}

/** Settings of `fitSparseLogistic`. */
export interface SparseLogisticOptions {
  /** Features per row (the largest index + 1). */
  dimension: number;
  /** Penalty λ on ½‖w‖², relative to the total sample weight (the intercept is free). */
  l2: number;
  /** Per-row weights, e.g. to balance classes; 1 each when absent. */
  sampleWeights?: Float64Array;
  maxIterations?: number;
}

/** A fitted sparse logistic model. */
export interface SparseLogisticFit {
  intercept: number;
  weights: Float64Array;
  iterations: number;
}

// L-BFGS keeps this many curvature pairs: the usual 5–20 range, cheap at these sizes.
const HISTORY = 10;

function rowDot(row: SparseRow, w: Float64Array): number {
  let z = 0;
  for (let k = 0; k < row.indices.length; k++)
    z += (w[row.indices[k] ?? 0] ?? 0) * (row.values[k] ?? 0);
  return z;
}

/**
 * Loss and gradient at θ = [weights…, intercept]: weighted mean logistic loss plus
 * λ/2 ‖w‖², so λ does not depend on how many rows there are.
 */
function lossAndGradient(
  rows: readonly SparseRow[],
  labels: Float64Array,
  weights: Float64Array,
  l2: number,
  theta: Float64Array,
): { loss: number; gradient: Float64Array } {
  const d = theta.length - 1;
  const gradient = new Float64Array(theta.length);
  let total = 0;
  let loss = 0;

  rows.forEach((row, i) => {
    const s = weights[i] ?? 1;
    const z = rowDot(row, theta) + (theta[d] ?? 0);
    const y = labels[i] ?? 0;
    loss += s * (Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - y * z);
    const residual = s * (sigmoid(z) - y);
    for (let k = 0; k < row.indices.length; k++) {
      const j = row.indices[k] ?? 0;
      gradient[j] = (gradient[j] ?? 0) + residual * (row.values[k] ?? 0);
    }
    gradient[d] = (gradient[d] ?? 0) + residual;
    total += s;
  });

  for (let j = 0; j < gradient.length; j++) gradient[j] = (gradient[j] ?? 0) / total;
  for (let j = 0; j < d; j++) {
    loss += 0.5 * l2 * (theta[j] ?? 0) ** 2 * total;
    gradient[j] = (gradient[j] ?? 0) + l2 * (theta[j] ?? 0);
  }
  return { loss: loss / total, gradient };
}

function dotDense(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/**
 * L2-regularised logistic regression on sparse rows by L-BFGS with a backtracking (Armijo)
 * line search. The objective is strictly convex, so the result does not depend on a seed.
 */
export function fitSparseLogistic(
  rows: readonly SparseRow[],
  labels: Float64Array,
  options: SparseLogisticOptions,
): SparseLogisticFit {
  const weights = options.sampleWeights ?? new Float64Array(rows.length).fill(1);
  const evaluate = (theta: Float64Array) =>
    lossAndGradient(rows, labels, weights, options.l2, theta);

  let theta = new Float64Array(options.dimension + 1);
  let { loss, gradient } = evaluate(theta);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  let iteration = 0;

  for (; iteration < (options.maxIterations ?? 300); iteration++) {
    // Two-loop recursion: direction = −H·gradient from the stored pairs.
    const q = Float64Array.from(gradient);
    const alphas: number[] = [];
    for (let m = steps.length - 1; m >= 0; m--) {
      const s = steps[m] as Float64Array;
      const y = changes[m] as Float64Array;
      const alpha = dotDense(s, q) / dotDense(y, s);
      alphas[m] = alpha;
      for (let j = 0; j < q.length; j++) q[j] = (q[j] ?? 0) - alpha * (y[j] ?? 0);
    }
    const last = steps.length - 1;
    const gamma =
      last >= 0
        ? dotDense(steps[last] as Float64Array, changes[last] as Float64Array) /
          dotDense(changes[last] as Float64Array, changes[last] as Float64Array)
        : 1;
    for (let j = 0; j < q.length; j++) q[j] = (q[j] ?? 0) * gamma;
    for (let m = 0; m < steps.length; m++) {
      const s = steps[m] as Float64Array;
      const y = changes[m] as Float64Array;
      const beta = dotDense(y, q) / dotDense(y, s);
      for (let j = 0; j < q.length; j++)
        q[j] = (q[j] ?? 0) + ((alphas[m] ?? 0) - beta) * (s[j] ?? 0);
    }

    const slope = -dotDense(gradient, q);
    if (!(slope < 0)) break;
    let step = 1;
    let candidate = theta.map((t, j) => t - step * (q[j] ?? 0));
    let next = evaluate(candidate);
    while (next.loss > loss + 1e-4 * step * slope && step > 1e-10) {
      step /= 2;
      candidate = theta.map((t, j) => t - step * (q[j] ?? 0));
      next = evaluate(candidate);
    }

    const s = candidate.map((c, j) => c - (theta[j] ?? 0));
    const y = next.gradient.map((g, j) => g - (gradient[j] ?? 0));
    if (dotDense(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > HISTORY) {
        steps.shift();
        changes.shift();
      }
    }

    const improvement = loss - next.loss;
    theta = candidate;
    loss = next.loss;
    gradient = next.gradient;
    if (improvement < 1e-10 * Math.max(1, Math.abs(loss))) break;
  }

  const d = options.dimension;
  return { intercept: theta[d] ?? 0, weights: theta.slice(0, d), iterations: iteration };
}
