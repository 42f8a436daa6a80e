import { SeededRandom } from '../../core/ml/random.js';
import { ActionBandit } from './action-bandit.js';
import type { BanditWorld } from './simulate-policies.js';

/** One logged round of a uniform policy: what was shown, chosen with what chance, and got. */
interface LoggedRound {
  customer: number;
  action: number;
  propensity: number;
  reward: number;
}

/** A policy's value three ways: two estimates from the logs, and the simulator's truth. */
export interface OffPolicyFigures {
  policy: string;
  /** Inverse propensity scoring: mean of reward · 1[policy agrees] / propensity. */
  ips: number;
  /** Standard error of the IPS mean. */
  ips_se: number;
  /** Replay: mean reward of the logged rounds where the policy agrees with the log. */
  replay: number;
  replay_matches: number;
  /** The policy's true expected reward on the evaluation rounds' customers. */
  truth: number;
}

/** The off-policy check: a policy learned from uniform logs, valued on logs it never saw. */
export interface OffPolicyResult {
  logged_rounds: number;
  /** Rounds the policy was learned from (the first half of the log). */
  learn_rounds: number;
  estimates: OffPolicyFigures[];
}

/**
 * Collects `rounds` of logs with a uniform policy (propensity 1/K), learns the plugin's reward
 * model from the first half, and values its greedy policy, each single action and the uniform
 * policy on the second half by IPS and replay beside the simulator's truth: the estimates a
 * CRM with randomised logs could compute, checked against what really holds.
 */
export function offPolicyEstimate(
  world: BanditWorld,
  rounds: number,
  seed: number,
  priorStrength: number,
): OffPolicyResult {
  const random = new SeededRandom(seed + 101);
  const k = world.actions.length;
  const log: LoggedRound[] = Array.from({ length: rounds }, () => {
    const customer = random.nextInt(world.contexts.length);
    const action = random.nextInt(k);
    const reward = random.next() < (world.rates[customer]?.[action] ?? 0) ? 1 : 0;
    return { customer, action, propensity: 1 / k, reward };
  });
  const half = Math.floor(rounds / 2);
  const learnPart = log.slice(0, half);
  const valuePart = log.slice(half);

  const dimension = world.contexts[0]?.length ?? 0;
  const bandit = ActionBandit.empty(world.actions, dimension, priorStrength);
  for (const round of learnPart) {
    bandit.observe(world.contexts[round.customer] as Float64Array, round.action, round.reward);
  }
  const learned = (customer: number) =>
    bandit.pick(world.contexts[customer] as Float64Array, 'exploit', 0);

  const estimates = [
    value('learned greedy policy', valuePart, world, (customer) => learned(customer)),
    ...world.actions.map((action, a) => value(`always ${action}`, valuePart, world, () => a)),
    uniformValue(valuePart, world),
  ];
  return { logged_rounds: rounds, learn_rounds: half, estimates };
}

function value(
  policy: string,
  log: readonly LoggedRound[],
  world: BanditWorld,
  choose: (customer: number) => number,
): OffPolicyFigures {
  const weighted: number[] = [];
  let matches = 0;
  let matchedReward = 0;
  let truth = 0;
  for (const round of log) {
    const chosen = choose(round.customer);
    const agrees = chosen === round.action;
    weighted.push(agrees ? round.reward / round.propensity : 0);
    if (agrees) {
      matches += 1;
      matchedReward += round.reward;
    }
    truth += world.rates[round.customer]?.[chosen] ?? 0;
  }
  const { mean, se } = meanAndError(weighted);
  return {
    policy,
    ips: mean,
    ips_se: se,
    replay: matches === 0 ? 0 : matchedReward / matches,
    replay_matches: matches,
    truth: truth / Math.max(1, log.length),
  };
}

// The uniform policy agrees with a uniform log with chance 1/K: its IPS is the logged mean.
function uniformValue(log: readonly LoggedRound[], world: BanditWorld): OffPolicyFigures {
  const { mean, se } = meanAndError(log.map((round) => round.reward));
  const truth = log.reduce((sum, round) => {
    const rates = world.rates[round.customer] ?? [];
    return sum + rates.reduce((s, r) => s + r, 0) / Math.max(1, rates.length);
  }, 0);
  return {
    policy: 'uniform random',
    ips: mean,
    ips_se: se,
    replay: mean,
    replay_matches: log.length,
    truth: truth / Math.max(1, log.length),
  };
}

function meanAndError(values: readonly number[]): { mean: number; se: number } {
  const n = Math.max(1, values.length);
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}
