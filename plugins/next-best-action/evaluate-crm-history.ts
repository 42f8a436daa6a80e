import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { RecordScore } from '../plugin.js';
import { NBA_ACTION_FIELD, NBA_REASON_FIELD } from './next-best-action-fields.js';
import { createNextBestActionPlugin } from './next-best-action-plugin.js';
import { historyRelated, simulatedCrmHistory } from './simulated-crm-history.js';

const logger = createLogger('plugin.next_best_action.eval');
// A fixed "now", so the same seed gives the same records and figures on any day.
const NOW = Date.parse('2025-01-01T00:00:00Z');
const ACTION_PROPERTY = 'crm_ml_nba_logged_action';

/** The true value of the plugin's recommendations after one stage (train or update). */
export interface CrmStageFigures {
  /** Outcomes learned so far. */
  events: number;
  /** Mean true success chance of the recommended actions over every contact. */
  value: number;
  /** The same over the contacts that were not exploring: what most reps see. */
  exploit_value: number;
  exploring: number;
}

/** The plugin run end to end on a simulated CRM history, valued by the hidden truth. */
export interface CrmHistoryFigures {
  contacts: number;
  activities: number;
  won_deals: number;
  after_train: CrmStageFigures;
  after_update: CrmStageFigures;
  /** Reference values on the same contacts. */
  uniform_value: number;
  best_single_value: number;
  oracle_value: number;
}

/**
 * Runs the plugin exactly as a CRM would: it trains on a first period of logged activities
 * and won deals (actions chosen uniformly), scores every contact, then `update`s with a
 * second period and scores again; each contact's recommended action is valued by its hidden
 * success chance. This checks the whole CRM path: reading activities, crediting wins within
 * the window, learning, exploring and updating.
 */
export async function evaluateCrmHistory(
  contacts: readonly CrmRecord[],
  actions: readonly string[],
  rates: readonly (readonly number[])[],
  settings: { seed: number; exclude: readonly string[]; exploration: Record<string, unknown> },
): Promise<CrmHistoryFigures> {
  const options = { now: NOW, actionProperty: ACTION_PROPERTY };
  const first = simulatedCrmHistory(
    contacts,
    actions,
    rates,
    {
      tag: 'first',
      endDaysAgo: 200,
      actionsPerContact: 2,
    },
    { ...options, seed: settings.seed + 1 },
  );
  const second = simulatedCrmHistory(
    contacts,
    actions,
    rates,
    {
      tag: 'second',
      endDaysAgo: 40,
      actionsPerContact: 2,
    },
    { ...options, seed: settings.seed + 2 },
  );

  const plugin = createNextBestActionPlugin({ clock: () => NOW });
  const context = {
    logger,
    seed: settings.seed,
    options: {
      actions,
      actionProperty: ACTION_PROPERTY,
      exclude: settings.exclude,
      exploration: settings.exploration,
    },
  };
  const trained = await plugin.train(contacts, { ...context, related: historyRelated(first) });
  const afterTrain = stageFigures(await trained.score(contacts), contacts, actions, rates);
  const updated = await trained.update!(contacts, {
    ...context,
    related: historyRelated(first, second),
  });
  const afterUpdate = stageFigures(await updated.score(contacts), contacts, actions, rates);

  const mean = (f: (row: readonly number[]) => number) =>
    rates.reduce((sum, row) => sum + f(row), 0) / Math.max(1, rates.length);
  const perAction = actions.map((_, a) => mean((row) => row[a] ?? 0));
  return {
    contacts: contacts.length,
    activities: first.activities.length + second.activities.length,
    won_deals: first.deals.length + second.deals.length,
    after_train: { ...afterTrain, events: trained.metrics['events'] ?? 0 },
    after_update: { ...afterUpdate, events: updated.metrics['events'] ?? 0 },
    uniform_value: mean((row) => row.reduce((s, v) => s + v, 0) / Math.max(1, row.length)),
    best_single_value: Math.max(...perAction),
    oracle_value: mean((row) => Math.max(...row)),
  };
}

function stageFigures(
  scores: readonly RecordScore[],
  contacts: readonly CrmRecord[],
  actions: readonly string[],
  rates: readonly (readonly number[])[],
): Omit<CrmStageFigures, 'events'> {
  const position = new Map(contacts.map((contact, i) => [contact.id, i]));
  let value = 0;
  let exploitValue = 0;
  let exploring = 0;
  for (const score of scores) {
    const row = rates[position.get(score.recordId) ?? -1] ?? [];
    const truth = row[actions.indexOf(String(score.values[NBA_ACTION_FIELD]))] ?? 0;
    value += truth;
    if (String(score.values[NBA_REASON_FIELD]).endsWith('; exploring')) exploring += 1;
    else exploitValue += truth;
  }
  const exploited = scores.length - exploring;
  return {
    value: value / Math.max(1, scores.length),
    exploit_value: exploitValue / Math.max(1, exploited),
    exploring,
  };
}
