import { CrmMlError } from '../../errors/crm-ml-error.js';
import { sigmoid, type Matrix } from '../matrix.js';
import type { ColumnGroups } from '../column-groups.js';
import type { BinaryModel, Explanation, FitOptions, SavedBinaryModel } from './binary-model.js';
import { solveCholesky } from './cholesky.js';

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

// A tiny ridge on the intercept keeps the system solvable when a class is absent.
const INTERCEPT_RIDGE = 1e-8;

/** A Gaussian penalty ½ (θ − centre)ᵀ precision (θ − centre); θ[0] is the intercept. */
interface Prior {
  centre: Float64Array;
  /** Row-major p × p, symmetric positive semi-definite. */
  precision: Float64Array;
}

/** Linear log-odds model: intercept + Σ wⱼ·xⱼ. */
export class LogisticRegression implements BinaryModel {
  readonly family = 'logistic' as const;

  constructor(
    readonly config: LogisticConfig,
    readonly intercept: number,
    readonly weights: Float64Array,
    /** Labelled rows the weights summarise, so an update knows how much to trust them. */
    readonly seenRows = 0,
  ) {}

  /** Fits by Newton's method (IRLS) with step halving; the penalised loss is strictly convex. */
  static fit(
    x: Matrix,
    y: Float64Array,
    options: FitOptions,
    config: LogisticConfig = DEFAULT_LOGISTIC_CONFIG,
  ): LogisticRegression {
    const p = x.cols + 1;
    const precision = new Float64Array(p * p);
    for (let j = 0; j < p; j++) precision[j * p + j] = j === 0 ? INTERCEPT_RIDGE : config.l2;
    const prior = { centre: new Float64Array(p), precision };

    const theta = minimise(x, y, new Float64Array(p), prior, config, options.signal);
    return new LogisticRegression(config, theta[0] ?? 0, theta.slice(1), x.rows);
  }

  static fromJSON(saved: SavedBinaryModel): LogisticRegression {
    const { intercept, weights, rows } = saved.weights;
    if (typeof intercept !== 'number' || !Array.isArray(weights)) {
      throw new CrmMlError('ml_model_json_invalid', 'Saved logistic model lacks intercept/weights');
    }
    const config = { ...DEFAULT_LOGISTIC_CONFIG, ...(saved.config as Partial<LogisticConfig>) };
    const seen = typeof rows === 'number' ? rows : 0;
    return new LogisticRegression(config, intercept, Float64Array.from(weights as number[]), seen);
  }

  /**
   * Newton steps on the new rows from the current weights, with the old fit as a Gaussian
   * prior (a Laplace approximation): its precision is the new rows' Hessian at the current
   * weights scaled up to the `seenRows` the weights came from, plus the usual L2. When old
   * and new rows look alike this approximates refitting on both.
   */
  async update(x: Matrix, y: Float64Array, options: FitOptions): Promise<LogisticRegression> {
    const p = x.cols + 1;
    const centre = Float64Array.of(this.intercept, ...this.weights);
    const { hessian } = derivatives(x, y, centre);
    const scale = x.rows > 0 ? this.seenRows / x.rows : 0;
    const precision = hessian.map((h) => h * scale);
    for (let j = 0; j < p; j++) {
      precision[j * p + j] =
        (precision[j * p + j] ?? 0) + (j === 0 ? INTERCEPT_RIDGE : this.config.l2);
    }

    const theta = minimise(x, y, centre, { centre, precision }, this.config, options.signal);
    const seen = this.seenRows + x.rows;
    return new LogisticRegression(this.config, theta[0] ?? 0, theta.slice(1), seen);
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

  /**
   * Exact for a linear model: weight × distance of each encoded value from the reference,
   * summed per property, beside the log-odds from the same pass over the row.
   */
  explain(x: Matrix, reference: Float64Array, groups: ColumnGroups): Explanation {
    const { owner, width } = groups;
    const logits = new Float64Array(x.rows);
    const contributions = new Float64Array(x.rows * width);

    for (let r = 0; r < x.rows; r++) {
      const row = r * x.cols;
      const out = r * width;
      let z = this.intercept;
      for (let c = 0; c < x.cols; c++) {
        const w = this.weights[c] ?? 0;
        const v = x.data[row + c] ?? 0;
        z += w * v;
        const p = owner[c] ?? -1;
        if (p >= 0)
          contributions[out + p] = (contributions[out + p] ?? 0) + w * (v - (reference[c] ?? 0));
      }
      logits[r] = z;
    }
    return { logits, contributions };
  }

  toJSON(): SavedBinaryModel {
    return {
      family: this.family,
      config: { ...this.config },
      weights: {
        intercept: this.intercept,
        weights: Array.from(this.weights),
        rows: this.seenRows,
      },
    };
  }
}

/** Newton's method with step halving on the log loss of (x, y) plus the prior. */
function minimise(
  x: Matrix,
  y: Float64Array,
  start: Float64Array,
  prior: Prior,
  config: LogisticConfig,
  signal?: AbortSignal,
): Float64Array {
  const p = start.length;
  let theta = Float64Array.from(start);
  let loss = penalisedLoss(x, y, theta, prior);

  for (let iteration = 0; iteration < config.maxIterations; iteration++) {
    signal?.throwIfAborted();
    const { gradient, hessian } = derivatives(x, y, theta);
    const offset = priorGradient(theta, prior);
    for (let i = 0; i < p; i++) gradient[i] = (gradient[i] ?? 0) + (offset[i] ?? 0);
    for (let i = 0; i < p * p; i++) hessian[i] = (hessian[i] ?? 0) + (prior.precision[i] ?? 0);
    const step = solveCholesky(hessian, gradient, p);

    let scale = 1;
    let candidate = theta.map((t, j) => t - (step[j] ?? 0));
    let candidateLoss = penalisedLoss(x, y, candidate, prior);
    while (candidateLoss > loss && scale > 1e-6) {
      scale /= 2;
      candidate = theta.map((t, j) => t - scale * (step[j] ?? 0));
      candidateLoss = penalisedLoss(x, y, candidate, prior);
    }
    theta = candidate;
    const improvement = loss - candidateLoss;
    loss = candidateLoss;
    if (improvement < config.tolerance * Math.max(1, Math.abs(loss))) break;
  }
  return theta;
}

function linear(x: Matrix, theta: Float64Array, r: number): number {
  let z = theta[0] ?? 0;
  const base = r * x.cols;
  for (let c = 0; c < x.cols; c++) z += (theta[c + 1] ?? 0) * (x.data[base + c] ?? 0);
  return z;
}

/** precision · (θ − centre), the prior's gradient. */
function priorGradient(theta: Float64Array, prior: Prior): Float64Array {
  const p = theta.length;
  const out = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let sum = 0;
    for (let j = 0; j < p; j++) {
      sum += (prior.precision[i * p + j] ?? 0) * ((theta[j] ?? 0) - (prior.centre[j] ?? 0));
    }
    out[i] = sum;
  }
  return out;
}

function penalisedLoss(x: Matrix, y: Float64Array, theta: Float64Array, prior: Prior): number {
  let loss = 0;
  for (let r = 0; r < x.rows; r++) {
    const z = linear(x, theta, r);
    // log(1 + e^z) − y·z, written to stay finite for large |z|.
    loss += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - (y[r] ?? 0) * z;
  }
  const pull = priorGradient(theta, prior);
  for (let j = 0; j < theta.length; j++) {
    loss += 0.5 * ((theta[j] ?? 0) - (prior.centre[j] ?? 0)) * (pull[j] ?? 0);
  }
  return loss;
}

/** Gradient and Hessian of the unpenalised log loss at θ. */
function derivatives(x: Matrix, y: Float64Array, theta: Float64Array) {
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
  }
  return { gradient, hessian };
}
