import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { SeededRandom } from '../../core/ml/random.js';
import { invertSpd } from '../../core/ml/spd-inverse.js';

/** A 0/1 outcome's standard deviation is at most 0.5: the noise scale of every estimate. */
const OUTCOME_SD = 0.5;

/** How one pick is made: the best expected outcome, or one of two ways to explore. */
export type PickMode = 'exploit' | 'linucb' | 'thompson';

/** What the bandit believes about each action's outcome for one context. */
export interface ActionEstimates {
  /** Expected outcome (success rate) per action, in action order. */
  means: Float64Array;
  /** Posterior standard deviation of that expectation per action. */
  stds: Float64Array;
}

/** The bandit as saved: sums only, so a load recomputes exactly what was there. */
export interface ActionBanditJson {
  actions: string[];
  /** Context width without the intercept. */
  dimension: number;
  priorStrength: number;
  /** Per action, the row-major (dimension + 1)² precision matrix λI + Σ x xᵀ. */
  precision: number[][];
  /** Per action, Σ reward · x. */
  target: number[][];
  counts: number[];
  successes: number[];
}

/**
 * A contextual bandit over a fixed action set: per action, Bayesian linear regression of the
 * 0/1 outcome on the context (plus an intercept) with a ridge prior of `priorStrength`
 * pseudo-observations. Learning adds sufficient statistics, so new outcomes are folded in
 * without refitting; picks exploit the posterior mean or explore by LinUCB or a Thompson draw.
 */
export class ActionBandit {
  private readonly width: number;
  private readonly inverses: (Float64Array | undefined)[];
  private readonly weights: (Float64Array | undefined)[];

  private constructor(
    readonly actions: readonly string[],
    readonly dimension: number,
    readonly priorStrength: number,
    private readonly precision: Float64Array[],
    private readonly target: Float64Array[],
    private readonly counts: number[],
    private readonly successes: number[],
  ) {
    this.width = dimension + 1;
    this.inverses = actions.map(() => undefined);
    this.weights = actions.map(() => undefined);
  }

  /** A bandit that knows nothing yet: every action starts at the prior. */
  static empty(actions: readonly string[], dimension: number, priorStrength: number): ActionBandit {
    const width = dimension + 1;
    const prior = () => {
      const m = new Float64Array(width * width);
      for (let i = 0; i < width; i++) m[i * width + i] = priorStrength;
      return m;
    };
    return new ActionBandit(
      [...actions],
      dimension,
      priorStrength,
      actions.map(prior),
      actions.map(() => new Float64Array(width)),
      actions.map(() => 0),
      actions.map(() => 0),
    );
  }

  /** Rebuilds a bandit from `toJSON` output; refuses one whose shapes do not agree. */
  static fromJSON(json: ActionBanditJson): ActionBandit {
    const width = json.dimension + 1;
    const k = json.actions.length;
    const fits =
      json.precision.length === k &&
      json.target.length === k &&
      json.counts.length === k &&
      json.successes.length === k &&
      json.precision.every((m) => m.length === width * width) &&
      json.target.every((v) => v.length === width);
    if (!fits) {
      throw new CrmMlError(
        'next_best_action_model_invalid',
        'Saved next-best-action bandit has matrices of the wrong shape',
      );
    }
    return new ActionBandit(
      [...json.actions],
      json.dimension,
      json.priorStrength,
      json.precision.map((m) => Float64Array.from(m)),
      json.target.map((v) => Float64Array.from(v)),
      [...json.counts],
      [...json.successes],
    );
  }

  toJSON(): ActionBanditJson {
    return {
      actions: [...this.actions],
      dimension: this.dimension,
      priorStrength: this.priorStrength,
      precision: this.precision.map((m) => Array.from(m)),
      target: this.target.map((v) => Array.from(v)),
      counts: [...this.counts],
      successes: [...this.successes],
    };
  }

  /** An independent copy, for an update that must leave this bandit as it is. */
  clone(): ActionBandit {
    return ActionBandit.fromJSON(this.toJSON());
  }

  /** How many outcomes, and successes among them, each action has learned from. */
  evidence(action: number): { outcomes: number; successes: number } {
    return { outcomes: this.counts[action] ?? 0, successes: this.successes[action] ?? 0 };
  }

  /** Folds one observed outcome (0 or 1, or a rate in between) of `action` in context `x`. */
  observe(x: ArrayLike<number>, action: number, reward: number): void {
    const precision = this.precision[action];
    const target = this.target[action];
    if (precision === undefined || target === undefined) {
      throw new CrmMlError('next_best_action_unknown_action', `No action at position ${action}`);
    }
    const row = this.withIntercept(x);
    for (let i = 0; i < this.width; i++) {
      const ri = row[i] as number;
      if (ri === 0) continue;
      target[i] = (target[i] as number) + reward * ri;
      const offset = i * this.width;
      for (let j = 0; j < this.width; j++) {
        precision[offset + j] = (precision[offset + j] as number) + ri * (row[j] as number);
      }
    }
    this.counts[action] = (this.counts[action] ?? 0) + 1;
    this.successes[action] = (this.successes[action] ?? 0) + reward;
    this.inverses[action] = undefined;
    this.weights[action] = undefined;
  }

  /** Each action's expected outcome and its uncertainty for context `x`. */
  estimate(x: ArrayLike<number>): ActionEstimates {
    const row = this.withIntercept(x);
    const means = new Float64Array(this.actions.length);
    const stds = new Float64Array(this.actions.length);
    for (let a = 0; a < this.actions.length; a++) {
      const { inverse, weights } = this.posterior(a);
      means[a] = dot(weights, row);
      stds[a] = OUTCOME_SD * Math.sqrt(Math.max(0, quadratic(inverse, row, this.width)));
    }
    return { means, stds };
  }

  /**
   * The action to take in context `x`: the best mean (`exploit`), the best mean plus `alpha`
   * stds (`linucb`), or the best draw from the posterior widened by `alpha` (`thompson`,
   * which needs `random`). Ties go to the action listed first.
   */
  pick(x: ArrayLike<number>, mode: PickMode, alpha: number, random?: SeededRandom): number {
    const { means, stds } = this.estimate(x);
    const values = means.map((mean, a) => {
      const std = stds[a] as number;
      if (mode === 'linucb') return mean + alpha * std;
      if (mode === 'thompson') {
        if (random === undefined) {
          throw new CrmMlError('next_best_action_no_random', 'A Thompson pick needs a generator');
        }
        return mean + alpha * std * random.nextNormal();
      }
      return mean;
    });
    return argmax(values);
  }

  /** The posterior-mean weights of `action`: intercept first, then one per context column. */
  meanWeights(action: number): Float64Array {
    return this.posterior(action).weights;
  }

  private posterior(action: number): { inverse: Float64Array; weights: Float64Array } {
    let inverse = this.inverses[action];
    let weights = this.weights[action];
    if (inverse === undefined || weights === undefined) {
      inverse = invertSpd(this.precision[action] as Float64Array, this.width);
      weights = multiply(inverse, this.target[action] as Float64Array, this.width);
      this.inverses[action] = inverse;
      this.weights[action] = weights;
    }
    return { inverse, weights };
  }

  private withIntercept(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.dimension) {
      throw new CrmMlError(
        'next_best_action_context_width',
        `A context has ${x.length} values, the bandit was built for ${this.dimension}`,
      );
    }
    const row = new Float64Array(this.width);
    row[0] = 1;
    for (let i = 0; i < x.length; i++) row[i + 1] = x[i] as number;
    return row;
  }
}

/** The index of the largest value; the first one on ties. */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if ((values[i] as number) > (values[best] as number)) best = i;
  }
  return best;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function multiply(matrix: Float64Array, vector: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    const offset = i * n;
    for (let j = 0; j < n; j++) sum += (matrix[offset + j] as number) * (vector[j] as number);
    out[i] = sum;
  }
  return out;
}

function quadratic(matrix: Float64Array, vector: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const vi = vector[i] as number;
    if (vi === 0) continue;
    let row = 0;
    const offset = i * n;
    for (let j = 0; j < n; j++) row += (matrix[offset + j] as number) * (vector[j] as number);
    sum += vi * row;
  }
  return sum;
}
