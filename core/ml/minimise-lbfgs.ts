/** A smooth objective: its value and gradient at a point. */
export type Objective = (theta: Float64Array) => { loss: number; gradient: Float64Array };

/** Settings of `minimiseLbfgs`. */
export interface LbfgsOptions {
  maxIterations?: number;
  /** Stop when an iteration lowers the loss by less than this share of it (default 1e-9). */
  tolerance?: number;
  /** Curvature pairs kept (default 10: the usual 5–20 range, cheap at these sizes). */
  history?: number;
}

/** Where `minimiseLbfgs` stopped. */
export interface LbfgsResult {
  theta: Float64Array;
  loss: number;
  iterations: number;
}

// Vectors of one length throughout, so indices are in range: `!` keeps these loops tight.
function dotDense(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
}

/** −H·gradient from the stored pairs (the two-loop recursion). */
function direction(gradient: Float64Array, steps: Float64Array[], changes: Float64Array[]) {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let m = steps.length - 1; m >= 0; m--) {
    const s = steps[m] as Float64Array;
    const y = changes[m] as Float64Array;
    const alpha = dotDense(s, q) / dotDense(y, s);
    alphas[m] = alpha;
    for (let j = 0; j < q.length; j++) q[j]! -= alpha * y[j]!;
  }
  const last = steps.length - 1;
  if (last >= 0) {
    const s = steps[last] as Float64Array;
    const y = changes[last] as Float64Array;
    const gamma = dotDense(s, y) / dotDense(y, y);
    for (let j = 0; j < q.length; j++) q[j]! *= gamma;
  }
  for (let m = 0; m < steps.length; m++) {
    const s = steps[m] as Float64Array;
    const y = changes[m] as Float64Array;
    const factor = (alphas[m] ?? 0) - dotDense(y, q) / dotDense(y, s);
    for (let j = 0; j < q.length; j++) q[j]! += factor * s[j]!;
  }
  return q;
}

/**
 * Minimises a smooth objective from `start` by L-BFGS with a backtracking (Armijo) line
 * search. Deterministic: the same objective and start give the same result on every run.
 */
export function minimiseLbfgs(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions = {},
): LbfgsResult {
  const history = options.history ?? 10;
  const tolerance = options.tolerance ?? 1e-9;
  let theta = Float64Array.from(start);
  let { loss, gradient } = objective(theta);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  let iteration = 0;

  for (; iteration < (options.maxIterations ?? 300); iteration++) {
    const q = direction(gradient, steps, changes);
    const slope = -dotDense(gradient, q);
    if (!(slope < 0)) break;

    let step = 1;
    let candidate = theta.map((t, j) => t - step * (q[j] ?? 0));
    let next = objective(candidate);
    while (!(next.loss <= loss + 1e-4 * step * slope) && step > 1e-10) {
      step /= 2;
      candidate = theta.map((t, j) => t - step * (q[j] ?? 0));
      next = objective(candidate);
    }
    if (!(next.loss <= loss)) break;

    const s = candidate.map((c, j) => c - (theta[j] ?? 0));
    const y = next.gradient.map((g, j) => g - (gradient[j] ?? 0));
    if (dotDense(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > history) {
        steps.shift();
        changes.shift();
      }
    }

    const improvement = loss - next.loss;
    theta = candidate;
    loss = next.loss;
    gradient = next.gradient;
    if (improvement < tolerance * Math.max(1, Math.abs(loss))) break;
  }
  return { theta, loss, iterations: iteration };
}
