import { SeededRandom } from '../../core/ml/random.js';
import { ActionBandit } from './action-bandit.js';
import { chooseAction } from './choose-action.js';
import type { ExplorationSettings } from './next-best-action-options.js';

/** A policy as the simulator drives it: pick for a round, learn from a batch of outcomes. */
export interface SimulatedPolicy {
  name: string;
  choose(x: Float64Array, round: number, customer: number): number;
  learn(batch: readonly { x: Float64Array; action: number; reward: number }[]): void;
}

/** What the bandit policies are built from. */
export interface PolicySettings {
  actions: readonly string[];
  dimension: number;
  priorStrength: number;
  seed: number;
}

/**
 * The plugin's own rule (`chooseAction`) with `exploration`: the same code that scores CRM
 * contacts, with the round number as the key that decides who explores.
 */
export function banditPolicy(
  name: string,
  settings: PolicySettings,
  exploration: ExplorationSettings,
): SimulatedPolicy {
  const bandit = ActionBandit.empty(settings.actions, settings.dimension, settings.priorStrength);
  return {
    name,
    choose: (x, round) =>
      chooseAction(bandit, x, `round-${round}`, settings.seed, exploration, undefined).action,
    learn: (batch) => batch.forEach((o) => bandit.observe(o.x, o.action, o.reward)),
  };
}

/** The same reward model, greedy except for a uniformly random action with chance `epsilon`. */
export function epsilonGreedyPolicy(settings: PolicySettings, epsilon: number): SimulatedPolicy {
  const bandit = ActionBandit.empty(settings.actions, settings.dimension, settings.priorStrength);
  const random = new SeededRandom(settings.seed + 7);
  return {
    name: `epsilon-greedy (ε ${epsilon})`,
    choose: (x) =>
      random.next() < epsilon
        ? random.nextInt(settings.actions.length)
        : bandit.pick(x, 'exploit', 0),
    learn: (batch) => batch.forEach((o) => bandit.observe(o.x, o.action, o.reward)),
  };
}

/** Every action equally likely, whatever the context: what a rep guessing would do. */
export function uniformPolicy(actions: number, seed: number): SimulatedPolicy {
  const random = new SeededRandom(seed + 13);
  return { name: 'uniform random', choose: () => random.nextInt(actions), learn: () => {} };
}

/** One action for everyone: with the best one in hindsight, an oracle that ignores context. */
export function singleActionPolicy(name: string, action: number): SimulatedPolicy {
  return { name, choose: () => action, learn: () => {} };
}
