import type { CrmRecord } from '../../core/records/crm-record.js';
import { MissingDataError } from '../missing-data-error.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { ACTIVITY_TYPES } from './activity-counts.js';
import { fitSegments } from './fit-segments.js';
import { segmentInput } from './segment-customers.js';
import { SEGMENTS_FIELDS } from './segments-fields.js';
import { SEGMENTS_PLUGIN_ID, SegmentsModel } from './segments-model.js';
import { parseSegmentsOptions } from './segments-options.js';

/**
 * The segments plugin: groups contacts by recency, frequency, spend and tenure of their
 * orders and by their notes, emails, calls and meetings of the last 90 days, when synced
 * (k-means on log/robust-scaled features), and writes a readable segment name and a
 * stable id. The model being replaced (`context.previous`) keeps ids stable across retrains.
 *
 * @example
 * const model = await createSegmentsPlugin().train(contacts, { logger, seed: 42, options: {
 *   amountProperty: 'amount' }, related });
 */
export function createSegmentsPlugin(): Plugin {
  return {
    id: SEGMENTS_PLUGIN_ID,
    label: 'Customer segments',
    objectType: 'contacts',
    inputs: ['orders', ...ACTIVITY_TYPES],
    fields: SEGMENTS_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseSegmentsOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseSegmentsOptions(context.options);
      const fields = {
        time: options.timeProperty,
        ...(options.amountProperty === undefined ? {} : { amount: options.amountProperty }),
        ...(options.quantityProperty === undefined ? {} : { quantity: options.quantityProperty }),
        ...(options.priceProperty === undefined ? {} : { price: options.priceProperty }),
        ...(options.invoiceProperty === undefined ? {} : { invoice: options.invoiceProperty }),
      };
      const input = segmentInput(records, context.related, fields, options.properties);
      if (Object.keys(input.skipped).length > 0) {
        context.logger.warn({ skipped: input.skipped }, 'order lines skipped');
      }
      if (input.rows.size < options.kMin) {
        throw new MissingDataError(
          'segments_too_few_customers',
          `${input.rows.size} contacts have purchases; segments need at least ${options.kMin}`,
        );
      }

      const previous =
        context.previous === undefined ? undefined : SegmentsModel.load(context.previous).state;
      const state = fitSegments(input.rows, input.features, {
        seed: context.seed,
        kMin: options.kMin,
        kMax: options.kMax,
        ...(options.k === undefined ? {} : { k: options.k }),
        ...(previous === undefined ? {} : { previous }),
      });
      context.progress?.(1, 1);

      const k = state.centroids.length;
      const metrics = {
        k,
        silhouette: state.silhouettes[String(k)] ?? Number.NaN,
        customers: input.rows.size,
        contacts_without_orders: records.length - input.rows.size,
      };
      const config = { version: 1, fields, properties: [...options.properties] };
      return new SegmentsModel(config, state, metrics);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return SegmentsModel.load(saved);
    },
  };
}
