import type { EncodedColumn } from '../../core/ml/feature-types.js';
import type { PropertyValue } from '../../core/records/crm-record.js';
import type { ActionBandit } from './action-bandit.js';
import type { ActionChoice } from './choose-action.js';
import type { ExplorationSettings } from './next-best-action-options.js';

/** A property of the contact that moves the chosen action ahead of (or behind) the other. */
export interface ChoiceDriver {
  property: string;
  /** Percentage points the property adds to the chosen action's lead. */
  points: number;
}

/** What a choice is described from, beside the choice itself. */
export interface ChoiceContext {
  bandit: ActionBandit;
  encoded: readonly EncodedColumn[];
  /** The average training context: drivers say how this contact differs from it. */
  meanContext: readonly number[];
  x: ArrayLike<number>;
  properties: Readonly<Record<string, PropertyValue>>;
  /** The baseline action's position, when there is one. */
  baseline: number | undefined;
  exploration: ExplorationSettings;
}

const MAX_DRIVERS = 3;
// Contributions under a tenth of a point are noise to a rep.
const MIN_POINTS = 0.1;
// The one-line reason names only properties worth a point or more.
const REASON_POINTS = 1;

/** `do_nothing` → `do nothing`. */
export function actionWords(action: string): string {
  return action.replaceAll('_', ' ');
}

/** The action the choice is compared with: the baseline, or the runner-up when it is the pick. */
export function comparedAction(choice: ActionChoice, baseline: number | undefined): number {
  if (baseline !== undefined && baseline !== choice.action) return baseline;
  let runnerUp = -1;
  choice.means.forEach((mean, a) => {
    if (a !== choice.action && (runnerUp < 0 || mean > (choice.means[runnerUp] ?? 0))) {
      runnerUp = a;
    }
  });
  return runnerUp;
}

/**
 * The contact's properties that most widen (or narrow) the gap between the chosen action and
 * the one it is compared with, measured against the average contact: for each encoded column,
 * (weight of the pick − weight of the other) × (value − average value), summed per property.
 */
export function choiceDrivers(choice: ActionChoice, context: ChoiceContext): ChoiceDriver[] {
  const other = comparedAction(choice, context.baseline);
  if (other < 0) return [];
  const pick = context.bandit.meanWeights(choice.action);
  const versus = context.bandit.meanWeights(other);
  const byProperty = new Map<string, number>();
  context.encoded.forEach((column, j) => {
    const gap = ((pick[j + 1] ?? 0) - (versus[j + 1] ?? 0)) * deviation(context, j);
    byProperty.set(column.source, (byProperty.get(column.source) ?? 0) + gap);
  });
  return [...byProperty]
    .map(([property, gap]) => ({ property, points: gap * 100 }))
    .filter((driver) => Math.abs(driver.points) >= MIN_POINTS)
    .sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.property < b.property ? -1 : 1))
    .slice(0, MAX_DRIVERS);
}

/** One driver in words: `contract Month-to-month favours call (+6.1 points)`. */
export function driverWords(driver: ChoiceDriver, action: string, context: ChoiceContext): string {
  const value = context.properties[driver.property];
  const shown = value === undefined || value === null || value === '' ? 'blank' : String(value);
  const name = driver.property.replaceAll('_', ' ');
  const verb = driver.points > 0 ? 'favours' : 'counts against';
  const sign = driver.points > 0 ? '+' : '−';
  const points = Math.abs(driver.points).toFixed(1);
  return `${name} ${shown.slice(0, 40)} ${verb} ${actionWords(action)} (${sign}${points} points)`;
}

/** The headline: `call: 34 % expected success vs 21 % for do nothing`. */
export function headline(choice: ActionChoice, actions: readonly string[], baseline?: number) {
  const action = actionWords(actions[choice.action] ?? '');
  const versus =
    baseline === undefined
      ? 'on average over the actions tried'
      : `for ${actionWords(actions[baseline] ?? '')}`;
  return `${action}: ${percent(choice.success)} expected success vs ${percent(choice.baseline)} ${versus}`;
}

/** How much the model has seen of the chosen action. */
export function evidenceWords(choice: ActionChoice, context: ChoiceContext): string {
  const action = context.bandit.actions[choice.action] ?? '';
  const { outcomes, successes } = context.bandit.evidence(choice.action);
  if (outcomes === 0) return `no past ${actionWords(action)} outcomes yet: the prior alone`;
  return `learned from ${outcomes} past ${actionWords(action)} outcomes (${Math.round(successes)} successes)`;
}

/** Why an exploring contact may get a less proven action. */
export function explorationWords(exploration: ExplorationSettings): string {
  const how = exploration.strategy === 'linucb' ? 'the most promising' : 'a posterior draw of';
  const share = Math.round(exploration.rate * 1000) / 10;
  return `exploring: one of the ${share} % of contacts given ${how} action to learn more`;
}

/** The one-line reason written to the CRM. */
export function reasonSentence(choice: ActionChoice, context: ChoiceContext): string {
  const actions = context.bandit.actions;
  const parts = [headline(choice, actions, context.baseline)];
  const drivers = choiceDrivers(choice, context).filter((d) => d.points >= REASON_POINTS);
  if (drivers.length > 0) {
    const names = drivers.map((d) => {
      const value = context.properties[d.property];
      return `${d.property.replaceAll('_', ' ')} ${String(value ?? 'blank').slice(0, 30)}`;
    });
    parts.push(`mainly ${names.join(', ')}`);
  }
  if (choice.exploring) parts.push('exploring');
  return parts.join('; ');
}

function deviation(context: ChoiceContext, j: number): number {
  return (context.x[j] ?? 0) - (context.meanContext[j] ?? 0);
}

function percent(rate: number): string {
  return `${Math.round(rate * 100)} %`;
}
