import {
  readOrderRecords,
  type OrderLineFields,
  type OrderLinesRead,
} from '../../core/ml/order-lines.js';
import { describeOrderSkips } from '../../core/ml/order-skips.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { MissingDataError } from '../missing-data-error.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { fitRecommender } from './fit-recommender.js';
import { purchasesOnly } from './purchase-histories.js';
import { RECOMMENDATIONS_FIELDS } from './recommendations-fields.js';
import { RECOMMENDATIONS_PLUGIN_ID, RecommendationsModel } from './recommendations-model.js';
import { parseRecommendationsOptions } from './recommendations-options.js';
import { selectModel } from './select-model.js';

/** Where the plugin reads purchases from: whole orders or their line items. */
export interface RecommendationsPluginSettings {
  input?: 'orders' | 'line_items';
}

/**
 * The recommendations plugin: learns from the orders linked to contacts which products each
 * customer is likely to buy next and writes their names and ids to the contact.
 *
 * @example
 * const plugin = createRecommendationsPlugin();
 * const model = await plugin.train(contacts, { logger, seed: 42, options: {}, related });
 * const scores = await model.score(contacts, related);
 */
export function createRecommendationsPlugin(settings: RecommendationsPluginSettings = {}): Plugin {
  const input = settings.input ?? 'orders';
  return {
    id: RECOMMENDATIONS_PLUGIN_ID,
    label: 'Product recommendations',
    objectType: 'contacts',
    inputs: [input],
    fields: RECOMMENDATIONS_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseRecommendationsOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseRecommendationsOptions(context.options);
      const fields = {
        time: options.timeProperty,
        item: options.itemProperty,
        name: options.nameProperty,
        quantity: options.quantityProperty,
        ...(options.invoiceProperty === undefined ? {} : { invoice: options.invoiceProperty }),
      };
      const orders = (context.related?.get(input) ?? []).filter((order) => !order.archived);
      const read = readOrderRecords(orders, fields);
      const purchases = purchasesOnly(read.lines);
      if (purchases.length === 0) {
        const reason = noPurchases(input, orders.length, read, fields);
        throw new MissingDataError('recommendations_no_purchases', reason);
      }
      if (read.examples.length > 0) {
        context.logger.warn(
          { skipped: read.skipped, examples: read.examples },
          'order lines skipped',
        );
      }

      const policy = {
        allowRepeat: options.allowRepeat,
        repeatWindowDays: options.repeatWindowDays,
      };
      const choice = selectModel(purchases, options.models, policy, {
        validationDays: options.validationDays,
        k: 10,
        logger: context.logger,
      });
      context.progress?.(1, 2);
      const recommender = fitRecommender(purchases, choice.best, policy);
      context.progress?.(2, 2);

      const validated = choice.validation.find((entry) => entry.spec === choice.best)?.figures;
      const metrics = {
        validation_ndcg_at_10: validated?.ndcg_at_10 ?? Number.NaN,
        validation_hit_rate_at_10: validated?.hit_rate_at_10 ?? Number.NaN,
        validation_customers: validated?.customers ?? 0,
        customers: new Set(purchases.map((line) => line.customer)).size,
        items: recommender.state.items.length,
        purchases: purchases.length,
        returns: read.lines.length - purchases.length,
        contacts: records.length,
      };
      const config = { version: 1, input, topN: options.topN, fields };
      return new RecommendationsModel(config, recommender, metrics);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return RecommendationsModel.load(saved);
    },
  };
}

/** Why nothing could be learnt: no orders synced, none readable, or only returns among them. */
function noPurchases(
  input: string,
  orders: number,
  read: OrderLinesRead,
  fields: OrderLineFields,
): string {
  if (orders === 0) return `No ${input} are synced, so there are no purchases to learn from`;
  const skips = describeOrderSkips(read.skipped, fields);
  // Lines read but not purchases: returns, cancellations or nothing bought.
  const others = read.lines.length === 0 ? [] : [`${read.lines.length} returned or empty`];
  const why = [...(skips === '' ? [] : [skips]), ...others].join(', ');
  return `No readable purchases among the ${orders} related ${input}: ${why}`;
}
