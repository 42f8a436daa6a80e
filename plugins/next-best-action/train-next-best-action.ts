import type { Logger } from '../../core/logging/logger.js';
import { FeaturePipeline } from '../../core/ml/feature-pipeline.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { MissingDataError } from '../missing-data-error.js';
import type { Metrics, TrainContext } from '../plugin.js';
import { ActionBandit } from './action-bandit.js';
import { actionHistory, type ActionEvent } from './action-history.js';
import { encodeContacts, meanRow } from './encode-contacts.js';
import { heldOutFigures, learnEvents, splitEvents, type ContextRows } from './learn-events.js';
import { logHistory, skippedMetrics } from './log-history.js';
import { NextBestActionModel } from './next-best-action-model.js';
import type { NextBestActionOptions } from './next-best-action-options.js';

// Below this many outcomes every action's estimate is the prior: not worth writing to a CRM.
const MIN_EVENTS = 10;

/**
 * Learns next-best-action from the contacts' past actions and their outcomes: contexts from
 * the contacts' properties (the shared feature pipeline), one Bayesian linear reward model
 * per action; one event in five (by a hash of its key) is held out to measure it, then every
 * event is learned for the model returned.
 */
export function trainNextBestAction(
  records: readonly CrmRecord[],
  options: NextBestActionOptions,
  context: TrainContext,
  clock: () => number,
): NextBestActionModel {
  const history = actionHistory(records, context.related, options, clock());
  logHistory(context.logger, history, 'next-best-action training');
  if (history.events.length < MIN_EVENTS) {
    const skipped = Object.entries(history.skipped).map(([why, n]) => `${n} ${why}`);
    throw new MissingDataError(
      'next_best_action_too_few_outcomes',
      `${history.events.length} past actions with a known outcome; need at least ${MIN_EVENTS}` +
        (skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''),
    );
  }

  const exclude = [...options.exclude, options.actionProperty];
  if (options.reward.source === 'contact') exclude.push(options.reward.property);
  const pipeline = FeaturePipeline.fit(
    records.map((record) => record.properties),
    { exclude },
  );
  const { rows } = encodeContacts(pipeline, records);
  const width = pipeline.encoded.length;

  const metrics: Metrics = {
    ...heldOutMetrics(options, width, history.events, rows, context.seed),
    ...eventMetrics(options, history.events),
    ...skippedMetrics(history),
    contacts: records.length,
  };
  const bandit = ActionBandit.empty(options.actions, width, options.priorStrength);
  learnEvents(bandit, history.events, rows);
  logTrained(context.logger, metrics);

  const state = {
    options,
    seed: context.seed,
    pipeline,
    bandit,
    meanContext: meanRow(rows.values(), width),
    learned: history.events.map((event) => event.key),
  };
  return new NextBestActionModel(state, metrics, context.logger, clock);
}

function heldOutMetrics(
  options: NextBestActionOptions,
  width: number,
  events: readonly ActionEvent[],
  rows: ContextRows,
  seed: number,
): Metrics {
  const { fit, held } = splitEvents(events, seed);
  const bandit = ActionBandit.empty(options.actions, width, options.priorStrength);
  learnEvents(bandit, fit, rows);
  const figures = heldOutFigures(bandit, fit, held, rows);
  if (figures === undefined) return {};
  return {
    held_out_events: held.length,
    held_out_brier: figures.brier,
    held_out_baseline_brier: figures.baselineBrier,
    replay_matches: figures.replayMatches,
    replay_success_rate: figures.replayReward,
    logged_success_rate: figures.loggedReward,
  };
}

function eventMetrics(options: NextBestActionOptions, events: readonly ActionEvent[]): Metrics {
  const metrics: Metrics = {
    events: events.length,
    success_rate: events.reduce((sum, e) => sum + e.reward, 0) / events.length,
  };
  for (const action of options.actions) {
    metrics[`events_${action}`] = events.filter((event) => event.action === action).length;
  }
  return metrics;
}

function logTrained(logger: Logger, metrics: Metrics): void {
  logger.info(
    {
      events: metrics['events'],
      heldOutBrier: metrics['held_out_brier'],
      baselineBrier: metrics['held_out_baseline_brier'],
    },
    'next-best-action model trained',
  );
}
