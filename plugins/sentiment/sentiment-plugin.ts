import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { SENTIMENT_FIELDS } from './sentiment-fields.js';
import { SENTIMENT_PLUGIN_ID, SentimentModel } from './sentiment-model.js';
import { parseSentimentOptions } from './sentiment-options.js';
import { trainSentiment } from './train-sentiment.js';

const logger = createLogger('plugin.sentiment');

/** Settings of the plugin instance itself (not of a deployment). */
export interface SentimentPluginSettings {
  /** The time "now" for the 90-day window, epoch ms; injectable so tests are repeatable. */
  clock?: () => number;
}

/**
 * The sentiment plugin: reads the notes, emails, calls and tickets linked to each contact,
 * scores each text with the shipped English or Chinese model, and writes the contact's
 * recent sentiment (−100…100), its label, its trend and the topics of negative texts.
 *
 * @example
 * const plugin = createSentimentPlugin();
 * const model = await plugin.train(contacts, { logger, seed: 42, options: {}, related });
 * const scores = await model.score(contacts, related);
 */
export function createSentimentPlugin(settings: SentimentPluginSettings = {}): Plugin {
  const clock = settings.clock ?? Date.now;
  return {
    id: SENTIMENT_PLUGIN_ID,
    label: 'Customer sentiment',
    objectType: 'contacts',
    inputs: ['notes', 'emails', 'calls', 'tickets'],
    fields: SENTIMENT_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseSentimentOptions(options);
    },

    async train(_records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseSentimentOptions(context.options);
      const { topics, metrics, classifiers } = trainSentiment(options, context);
      const config = { version: 1, options, classifiers };
      return new SentimentModel(config, topics, metrics, context.logger, clock);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return SentimentModel.load(saved, logger, clock);
    },
  };
}
