import { CrmMlError } from '../../errors/crm-ml-error.js';
import { sigmoid, type Matrix } from '../matrix.js';
import type { BinaryModel, FitOptions, SavedBinaryModel } from './binary-model.js';

/** Settings of the L2-regularised logistic regression. */
export interface LogisticConfig {
  /** Penalty λ on ½‖w‖² (the intercept is not penalised); 1 matches the usual C = 1. */
  l2: number;
  maxIterations: number;
  tolerance: number;
}

/** Defaults used by `fitBinaryModel('logistic', …)`. */
export const DEFAULT_LOGISTIC_CONFIG: LogisticConfig = {
  l2: 1,
  maxIterations: 50,
  tolerance: 1e-9,
};

/** Solves the symmetric positive-definite system A x = b in place (Cholesky). */
function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j] ?? 0;
    for (let k = 0; k < j; k++) diagonal -= (a[j * n + k] ?? 0) ** 2;
    if (!(diagonal > 0)) {
      throw new CrmMlError(
        'ml_logistic_not_positive_definite',
        `Hessian lost definiteness at ${j}`,
      );
    }
    const root = Math.sqrt(diagonal);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (a[i * n + k] ?? 0) * (a[j * n + k] ?? 0);
      a[i * n + j] = sum / root;
    }
  }
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (a[i * n + k] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (a[i * n + i] ?? 1);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i] ?? 0;
    for (let k = i + 1; k < n; k++) sum -= (a[k * n + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (a[i * n + i] ?? 1);
  }
  return x;
}

/** Linear log-odds model: intercept + Σ wⱼ·xⱼ. */
export class LogisticRegression implements BinaryModel {
  readonly family = 'logistic' as const;

  constructor(
    readonly config: LogisticConfig,
    readonly intercept: number,
    readonly weights: Float64Array,
  ) {}

  /** Fits by Newton's method (IRLS) with step halving; the penalised loss is strictly convex. */
  static fit(
    x: Matrix,
    y: Float64Array,
    options: FitOptions,
    config: LogisticConfig = DEFAULT_LOGISTIC_CONFIG,
  ): LogisticRegression {
    // Column 0 of θ is the intercept; columns 1..p the feature weights.
    const p = x.cols + 1;
    let theta = new Float64Array(p);
    let loss = penalisedLoss(x, y, theta, config.l2);

    for (let iteration = 0; iteration < config.maxIterations; iteration++) {
      options.signal?.throwIfAborted();
      const { gradient, hessian } = derivatives(x, y, theta, config.l2);
      const step = solveCholesky(hessian, gradient, p);

      let scale = 1;
      let candidate = theta.map((t, j) => t - (step[j] ?? 0));
      let candidateLoss = penalisedLoss(x, y, candidate, config.l2);
      while (candidateLoss > loss && scale > 1e-6) {
        scale /= 2;
        candidate = theta.map((t, j) => t - scale * (step[j] ?? 0));
        candidateLoss = penalisedLoss(x, y, candidate, config.l2);
      }
      theta = candidate;
      const improvement = loss - candidateLoss;
      loss = candidateLoss;
      if (improvement < config.tolerance * Math.max(1, Math.abs(loss))) break;
    }
    return new LogisticRegression(config, theta[0] ?? 0, theta.slice(1));
  }

  static fromJSON(saved: SavedBinaryModel): LogisticRegression {
    const { intercept, weights } = saved.weights;
    if (typeof intercept !== 'number' || !Array.isArray(weights)) {
      throw new CrmMlError('ml_model_json_invalid', 'Saved logistic model lacks intercept/weights');
    }
    const config = { ...DEFAULT_LOGISTIC_CONFIG, ...(saved.config as Partial<LogisticConfig>) };
    return new LogisticRegression(config, intercept, Float64Array.from(weights as number[]));
  }

  predictLogits(x: Matrix): Float64Array {
    const out = new Float64Array(x.rows);
    for (let r = 0; r < x.rows; r++) {
      let z = this.intercept;
      const base = r * x.cols;
      for (let c = 0; c < x.cols; c++) z += (this.weights[c] ?? 0) * (x.data[base + c] ?? 0);
      out[r] = z;
    }
    return out;
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { ...this.config },
      weights: { intercept: this.intercept, weights: Array.from(this.weights) },
    };
  }
}

function linear(x: Matrix, theta: Float64Array, r: number): number {
  let z = theta[0] ?? 0;
  const base = r * x.cols;
  for (let c = 0; c < x.cols; c++) z += (theta[c + 1] ?? 0) * (x.data[base + c] ?? 0);
  return z;
}

function penalisedLoss(x: Matrix, y: Float64Array, theta: Float64Array, l2: number): number {
  let loss = 0;
  for (let r = 0; r < x.rows; r++) {
    const z = linear(x, theta, r);
    // log(1 + e^z) − y·z, written to stay finite for large |z|.
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (y[r] ?? 0) * z;
  }
  for (let j = 1; j < theta.length; j++) loss += 0.5 * l2 * (theta[j] ?? 0) ** 2;
  return loss;
}

function derivatives(x: Matrix, y: Float64Array, theta: Float64Array, l2: number) {
  const p = theta.length;
  const gradient = new Float64Array(p);
  const hessian = new Float64Array(p * p);
  const row = new Float64Array(p);
  row[0] = 1;

  for (let r = 0; r < x.rows; r++) {
    row.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), 1);
    const prob = sigmoid(linear(x, theta, r));
    const residual = prob - (y[r] ?? 0);
    const curvature = Math.max(prob * (1 - prob), 1e-12);
    for (let i = 0; i < p; i++) {
      const xi = row[i] ?? 0;
      if (xi === 0) continue;
      gradient[i] = (gradient[i] ?? 0) + residual * xi;
      const scaled = curvature * xi;
      // Lower triangle only; mirrored below.
      for (let j = 0; j <= i; j++)
        hessian[i * p + j] = (hessian[i * p + j] ?? 0) + scaled * (row[j] ?? 0);
    }
  }

  for (let i = 0; i < p; i++) {
    for (let j = 0; j < i; j++) hessian[j * p + i] = hessian[i * p + j] ?? 0;
    // A tiny ridge on the intercept keeps the system solvable when a class is absent.
    const ridge = i === 0 ? 1e-8 : l2;
    hessian[i * p + i] = (hessian[i * p + i] ?? 0) + ridge;
    if (i > 0) gradient[i] = (gradient[i] ?? 0) + l2 * (theta[i] ?? 0);
  }
  return { gradient, hessian };
}
