import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { NETWORK_INPUTS } from './contact-interactions.js';
import { fitNetwork } from './fit-network.js';
import { NETWORK_FIELDS } from './network-fields.js';
import { NETWORK_PLUGIN_ID, NetworkModel } from './network-model.js';
import { parseNetworkOptions } from './network-options.js';

/**
 * The customer-network plugin: ties contacts that share emails, calls, meetings, notes,
 * tickets, deals or companies, finds communities (Louvain), influence (PageRank percentile)
 * and bridges between communities, and writes them with a readable community name. Ids stay
 * with the same people across retrains (`context.previous`). Contacts without ties are not
 * scored.
 *
 * @example
 * const model = await createNetworkPlugin().train(contacts, { logger, seed: 42, options: {},
 *   related });
 */
export function createNetworkPlugin(): Plugin {
  return {
    id: NETWORK_PLUGIN_ID,
    label: 'Customer network',
    objectType: 'contacts',
    inputs: NETWORK_INPUTS,
    fields: NETWORK_FIELDS,

    parseOptions(options: Record<string, unknown>): unknown {
      return parseNetworkOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseNetworkOptions(context.options);
      const previous =
        context.previous === undefined ? undefined : NetworkModel.load(context.previous).state;
      const { state, metrics, interactions } = fitNetwork(
        records,
        context.related,
        options,
        context.seed,
        previous,
      );
      if (Object.keys(interactions.skipped).length > 0) {
        context.logger.warn(
          { skipped: interactions.skipped, examples: interactions.examples },
          'network links skipped',
        );
      }
      context.logger.info(
        { tied: state.contacts.length, withoutTies: records.length - state.contacts.length },
        'contacts without ties to other contacts are not scored',
      );
      context.progress?.(1, 1);
      return new NetworkModel({ version: 1 }, state, metrics);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return NetworkModel.load(saved);
    },
  };
}
