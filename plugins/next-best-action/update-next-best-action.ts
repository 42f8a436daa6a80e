import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Metrics, TrainContext } from '../plugin.js';
import { actionHistory } from './action-history.js';
import { encodeContacts } from './encode-contacts.js';
import { heldOutFigures, learnEvents, splitEvents } from './learn-events.js';
import { logHistory, skippedMetrics } from './log-history.js';
import type { NextBestActionState } from './next-best-action-model.js';

const UPDATE_METRICS = /^(update_|skipped_)/;

/**
 * Folds newly observed outcomes into a copy of the model: the events in `context.related` not
 * learned before are added to each action's sufficient statistics (no refit, the feature
 * pipeline unchanged). When enough are new, one in five is first held out to record the
 * Brier score before and after. Options may not change the action set: that needs a retrain.
 */
export function updateNextBestAction(
  current: NextBestActionState,
  metrics: Metrics,
  records: readonly CrmRecord[],
  context: TrainContext & { now: number },
): { state: NextBestActionState; metrics: Metrics } {
  assertSameActions(current, context.options);
  if (context.related === undefined) {
    // New outcomes live in activities and deals: without them there is nothing to learn.
    context.logger.warn('next-best-action update got no activities or deals: model unchanged');
  }
  const history = actionHistory(records, context.related, current.options, context.now);
  logHistory(context.logger, history, 'next-best-action update');

  const seen = new Set(current.learned);
  const fresh = history.events.filter((event) => !seen.has(event.key));
  const { rows } = encodeContacts(current.pipeline, records);
  const kept = Object.entries(metrics).filter(([name]) => !UPDATE_METRICS.test(name));
  const next: Metrics = {
    ...Object.fromEntries(kept),
    ...prefixed(skippedMetrics(history)),
    update_events: fresh.length,
  };
  if (fresh.length === 0) {
    context.logger.info({ events: history.events.length }, 'no new outcomes: model unchanged');
    return { state: current, metrics: next };
  }

  const { fit, held } = splitEvents(fresh, context.seed);
  const before = heldOutFigures(current.bandit, fit, held, rows);
  const probe = current.bandit.clone();
  learnEvents(probe, fit, rows);
  const after = heldOutFigures(probe, fit, held, rows);
  if (before !== undefined && after !== undefined) {
    next['update_brier_before'] = before.brier;
    next['update_brier_after'] = after.brier;
  }

  const bandit = current.bandit.clone();
  const learned = learnEvents(bandit, fresh, rows);
  next['events'] = (metrics['events'] ?? 0) + learned;
  context.logger.info({ events: learned }, 'next-best-action model updated');
  const keys = [...current.learned, ...fresh.map((event) => event.key)].sort();
  return { state: { ...current, bandit, learned: keys }, metrics: next };
}

function assertSameActions(current: NextBestActionState, options: Record<string, unknown>) {
  const actions = options['actions'];
  if (actions === undefined) return;
  const same =
    Array.isArray(actions) &&
    actions.length === current.options.actions.length &&
    actions.every((action, i) => action === current.options.actions[i]);
  if (!same) {
    throw new CrmMlError(
      'next_best_action_update_actions_changed',
      `Update names actions ${JSON.stringify(actions)}, the model was trained on ` +
        `${current.options.actions.join(', ')}: retrain to change the action set`,
    );
  }
}

function prefixed(metrics: Metrics): Metrics {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [`update_${k}`, v]));
}
