import { SeededRandom } from '../../core/ml/random.js';
import { argmax } from './action-bandit.js';
import type { ExplorationSettings } from './next-best-action-options.js';
import {
  banditPolicy,
  epsilonGreedyPolicy,
  singleActionPolicy,
  uniformPolicy,
  type PolicySettings,
  type SimulatedPolicy,
} from './simulation-policies.js';

/** A simulated book of customers: their encoded contexts and hidden success rates. */
export interface BanditWorld {
  actions: readonly string[];
  contexts: readonly Float64Array[];
  /** Per customer, the success chance of each action (hidden from the policies). */
  rates: readonly (readonly number[])[];
}

/** How a simulation runs. */
export interface SimulationSettings {
  rounds: number;
  /** Outcomes reach the policies in batches, as a CRM sync delivers them. */
  batchSize: number;
  seed: number;
  priorStrength: number;
  exploration: ExplorationSettings;
  epsilon: number;
  /** Points of each regret curve. */
  curvePoints: number;
}

/** One policy's run. */
export interface PolicyRun {
  name: string;
  /** Σ over rounds of (best action's success chance − the chosen one's): expected regret. */
  cumulative_regret: number;
  /** Share of rounds that ended in a success. */
  average_reward: number;
  /** Mean success chance of the chosen actions (the expectation of `average_reward`). */
  expected_reward: number;
  /** Regret over the last tenth of the rounds, per round: what is left once it has learned. */
  final_regret_per_round: number;
  /** [round, cumulative regret] at evenly spaced rounds. */
  curve: [number, number][];
}

/** Every policy on the same customers, rounds and random outcomes. */
export interface SimulationResult {
  rounds: number;
  batch_size: number;
  /** The expected reward of always taking each customer's best action. */
  oracle_reward: number;
  best_single_action: string;
  policies: PolicyRun[];
}

/**
 * Runs the plugin's policy as configured, LinUCB and Thompson on every pick, ε-greedy,
 * uniform random and the best single action in hindsight through the same `rounds`: each
 * round draws a customer, the policy picks, and the outcome is a success when a shared uniform
 * draw falls under the action's hidden rate (common random numbers, so differences between
 * policies are theirs, not luck's). Deterministic for a seed.
 */
export function simulatePolicies(
  world: BanditWorld,
  settings: SimulationSettings,
): SimulationResult {
  const random = new SeededRandom(settings.seed);
  const customers = Array.from({ length: settings.rounds }, () =>
    random.nextInt(world.contexts.length),
  );
  const draws = Array.from({ length: settings.rounds }, () => random.next());

  const totals = world.actions.map((_, a) =>
    customers.reduce((sum, c) => sum + (world.rates[c]?.[a] ?? 0), 0),
  );
  const best = argmax(totals);
  const oracle = customers.reduce((sum, c) => sum + Math.max(...(world.rates[c] ?? [0])), 0);

  const base: PolicySettings = {
    actions: world.actions,
    dimension: world.contexts[0]?.length ?? 0,
    priorStrength: settings.priorStrength,
    seed: settings.seed,
  };
  const { exploration } = settings;
  const policies: SimulatedPolicy[] = [
    banditPolicy(`next-best-action (${describe(exploration)})`, base, exploration),
    banditPolicy('LinUCB on every pick', base, { ...exploration, strategy: 'linucb', rate: 1 }),
    banditPolicy('Thompson on every pick', base, { ...exploration, strategy: 'thompson', rate: 1 }),
    epsilonGreedyPolicy(base, settings.epsilon),
    uniformPolicy(world.actions.length, settings.seed),
    singleActionPolicy(`always ${world.actions[best]} (best in hindsight)`, best),
  ];
  return {
    rounds: settings.rounds,
    batch_size: settings.batchSize,
    oracle_reward: oracle / settings.rounds,
    best_single_action: world.actions[best] ?? '',
    policies: policies.map((policy) => runPolicy(policy, world, customers, draws, settings)),
  };
}

function runPolicy(
  policy: SimulatedPolicy,
  world: BanditWorld,
  customers: readonly number[],
  draws: readonly number[],
  settings: SimulationSettings,
): PolicyRun {
  const every = Math.max(1, Math.floor(customers.length / settings.curvePoints));
  const tail = Math.floor(customers.length * 0.9);
  const curve: [number, number][] = [[0, 0]];
  let batch: { x: Float64Array; action: number; reward: number }[] = [];
  let regret = 0;
  let tailRegret = 0;
  let rewards = 0;
  let expected = 0;

  customers.forEach((customer, round) => {
    const x = world.contexts[customer] as Float64Array;
    const rates = world.rates[customer] ?? [];
    const action = policy.choose(x, round, customer);
    const rate = rates[action] ?? 0;
    const reward = (draws[round] ?? 1) < rate ? 1 : 0;
    const lost = Math.max(...rates) - rate;
    regret += lost;
    if (round >= tail) tailRegret += lost;
    rewards += reward;
    expected += rate;
    batch.push({ x, action, reward });
    if (batch.length === settings.batchSize) {
      policy.learn(batch);
      batch = [];
    }
    if ((round + 1) % every === 0) curve.push([round + 1, regret]);
  });
  return {
    name: policy.name,
    cumulative_regret: regret,
    average_reward: rewards / customers.length,
    expected_reward: expected / customers.length,
    final_regret_per_round: tailRegret / Math.max(1, customers.length - tail),
    curve,
  };
}

function describe(exploration: ExplorationSettings): string {
  const share = Math.round(exploration.rate * 100);
  return `${share} % explore by ${exploration.strategy === 'linucb' ? 'LinUCB' : 'Thompson'}`;
}
