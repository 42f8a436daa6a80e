import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { NEXT_BEST_ACTION_FIELDS } from './next-best-action-fields.js';
import { NEXT_BEST_ACTION_PLUGIN_ID, NextBestActionModel } from './next-best-action-model.js';
import { ACTION_ACTIVITY_TYPES, parseNextBestActionOptions } from './next-best-action-options.js';
import { trainNextBestAction } from './train-next-best-action.js';

const logger = createLogger('plugin.next_best_action');

/** What the plugin depends on besides its options. */
export interface NextBestActionSettings {
  /**
   * The time outcomes are judged at (epoch ms, `Date.now` by default): an action whose window
   * has not ended by then waits for a later run. Fix it for repeatable tests.
   */
  clock?: () => number;
}

/**
 * The next-best-action plugin: learns from the CRM's past calls, emails, meetings and tagged
 * notes and what followed them (a deal won, a reply, a customer kept) which action works for
 * which kind of contact, and writes the recommended action, its expected success, the uplift
 * over a baseline action and a reason on the contact. A contextual bandit: `update` folds in
 * new outcomes without a retrain, and a configured share of contacts explores.
 *
 * @example
 * const model = await createNextBestActionPlugin().train(contacts, { logger, seed: 42,
 *   options: { reward: { source: 'deal', windowDays: 30 } }, related });
 */
export function createNextBestActionPlugin(settings: NextBestActionSettings = {}): Plugin {
  const clock = settings.clock ?? Date.now;
  return {
    id: NEXT_BEST_ACTION_PLUGIN_ID,
    label: 'Next best action',
    // Contacts, not deals: reps act on people, activities link to contacts, and a contact
    // without an open deal still needs a next step.
    objectType: 'contacts',
    inputs: [...ACTION_ACTIVITY_TYPES, 'deals'],
    fields: NEXT_BEST_ACTION_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseNextBestActionOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseNextBestActionOptions(context.options);
      const model = trainNextBestAction(records, options, context, clock);
      context.progress?.(1, 1);
      return model;
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return NextBestActionModel.load(saved, logger, clock);
    },
  };
}
