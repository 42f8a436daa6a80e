import { hashKey } from '../../core/ml/hash-key.js';
import { argmax, type ActionBandit } from './action-bandit.js';
import type { ActionEvent } from './action-history.js';

/** Contact id → its encoded context row. */
export type ContextRows = ReadonlyMap<string, Float64Array>;

/** Folds `events` into `bandit`; events of contacts without a context are not learned. */
export function learnEvents(
  bandit: ActionBandit,
  events: readonly ActionEvent[],
  contexts: ContextRows,
): number {
  let learned = 0;
  for (const event of events) {
    const x = contexts.get(event.contactId);
    const action = bandit.actions.indexOf(event.action);
    if (x === undefined || action < 0) continue;
    bandit.observe(x, action, event.reward);
    learned += 1;
  }
  return learned;
}

/** Splits events by a hash of their key: one in five held out, whatever the input order. */
export function splitEvents(
  events: readonly ActionEvent[],
  seed: number,
): { fit: ActionEvent[]; held: ActionEvent[] } {
  const fit: ActionEvent[] = [];
  const held: ActionEvent[] = [];
  for (const event of events) (hashKey(event.key, seed) % 5 === 0 ? held : fit).push(event);
  return { fit, held };
}

/** How well a bandit predicts held-out outcomes, and what its greedy policy would have got. */
export interface HeldOutFigures {
  /** Mean squared error of the predicted success rate of the logged action. */
  brier: number;
  /** The same for each action's plain success rate in the fitted events. */
  baselineBrier: number;
  /** Held-out events where the greedy pick equals the logged action (replay). */
  replayMatches: number;
  /** Mean outcome of those matches: the replay estimate of the greedy policy's success rate. */
  replayReward: number;
  /** Mean outcome of all held-out events: what the logged actions got. */
  loggedReward: number;
}

/**
 * Held-out figures of `bandit` on `held`. The replay estimate is unbiased only when the logged
 * actions were chosen uniformly at random; from ordinary CRM activity it is indicative.
 */
export function heldOutFigures(
  bandit: ActionBandit,
  fitted: readonly ActionEvent[],
  held: readonly ActionEvent[],
  contexts: ContextRows,
): HeldOutFigures | undefined {
  const rates = actionRates(bandit.actions, fitted);
  let squared = 0;
  let baselineSquared = 0;
  let matches = 0;
  let matchedReward = 0;
  let reward = 0;
  let n = 0;
  for (const event of held) {
    const x = contexts.get(event.contactId);
    const action = bandit.actions.indexOf(event.action);
    if (x === undefined || action < 0) continue;
    const { means } = bandit.estimate(x);
    const predicted = Math.min(1, Math.max(0, means[action] ?? 0));
    squared += (predicted - event.reward) ** 2;
    baselineSquared += ((rates[action] ?? 0) - event.reward) ** 2;
    if (argmax(means) === action) {
      matches += 1;
      matchedReward += event.reward;
    }
    reward += event.reward;
    n += 1;
  }
  if (n === 0) return undefined;
  return {
    brier: squared / n,
    baselineBrier: baselineSquared / n,
    replayMatches: matches,
    replayReward: matches === 0 ? 0 : matchedReward / matches,
    loggedReward: reward / n,
  };
}

function actionRates(actions: readonly string[], events: readonly ActionEvent[]): number[] {
  const all = events.reduce((sum, e) => sum + e.reward, 0) / Math.max(1, events.length);
  return actions.map((action) => {
    const own = events.filter((e) => e.action === action);
    return own.length === 0 ? all : own.reduce((sum, e) => sum + e.reward, 0) / own.length;
  });
}
