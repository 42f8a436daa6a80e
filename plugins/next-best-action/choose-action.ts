import { hashKey } from '../../core/ml/hash-key.js';
import { SeededRandom } from '../../core/ml/random.js';
import { argmax, type ActionBandit } from './action-bandit.js';
import type { ExplorationSettings } from './next-best-action-options.js';

/** The recommendation for one context, with what it was weighed against. */
export interface ActionChoice {
  action: number;
  /** Expected success rate of the chosen action, clipped to [0, 1]. */
  success: number;
  /** Expected success rate of the baseline (or the mean of the tried actions), in [0, 1]. */
  baseline: number;
  /** True when this contact is one of the `exploration.rate` share that explores. */
  exploring: boolean;
  /** Expected success rate per action, clipped to [0, 1]. */
  means: number[];
}

const UINT32 = 4_294_967_296;

/** True when `key` falls in the exploring share for this seed: the same contacts every time. */
export function isExploring(key: string, seed: number, rate: number): boolean {
  return rate > 0 && hashKey(key, seed) / UINT32 < rate;
}

/**
 * Chooses the action for the contact `key` in context `x`. Most contacts get the action with
 * the best expected outcome; the `exploration.rate` share (fixed by a hash of the key and the
 * seed) gets the LinUCB or Thompson pick, so reps see mostly exploitative picks and the model
 * still learns about actions it knows little of. Deterministic for a key, seed and model.
 */
export function chooseAction(
  bandit: ActionBandit,
  x: ArrayLike<number>,
  key: string,
  seed: number,
  exploration: ExplorationSettings,
  baseline: number | undefined,
): ActionChoice {
  const { means } = bandit.estimate(x);
  const clipped = Array.from(means, clip01);
  const exploring = isExploring(key, seed, exploration.rate);
  const action = exploring
    ? bandit.pick(
        x,
        exploration.strategy,
        exploration.alpha,
        new SeededRandom(hashKey(key, seed + 1)),
      )
    : argmax(means);
  const reference = baseline === undefined ? triedMean(bandit, clipped) : (clipped[baseline] ?? 0);
  return { action, success: clipped[action] ?? 0, baseline: reference, exploring, means: clipped };
}

// The mean over actions with outcomes: untried ones sit at the prior and would drag it down.
function triedMean(bandit: ActionBandit, means: readonly number[]): number {
  const tried = means.filter((_, a) => bandit.evidence(a).outcomes > 0);
  const pool = tried.length > 0 ? tried : means;
  return pool.reduce((sum, v) => sum + v, 0) / pool.length;
}

function clip01(value: number): number {
  return Math.min(1, Math.max(0, value));
}
