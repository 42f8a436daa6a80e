import { createLogger } from '../../core/logging/logger.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import type { Plugin, SavedModel, TrainContext, TrainedModel } from '../plugin.js';
import { SHIPPED_TICKET_CATEGORIES } from './shipped-ticket-model.js';
import { ticketsFields } from './tickets-fields.js';
import { TICKETS_PLUGIN_ID, TicketsModel } from './tickets-model.js';
import { parseTicketsOptions } from './tickets-options.js';
import { trainTickets } from './train-tickets.js';

const logger = createLogger('plugin.tickets');

/** Settings of the plugin instance itself (not of a deployment). */
export interface TicketsPluginSettings {
  /**
   * The options of `crm_ml_ticket_category`, provisioned before training: the shipped
   * model's categories by default; a CRM trained on its own `labelProperty` lists its own.
   */
  categories?: readonly string[];
}

/**
 * The ticket classification plugin: reads each ticket's subject and description and writes
 * its category, the model's confidence (0–100) and its TF-IDF keywords. Trains on the CRM's
 * own categories when `labelProperty` names them; otherwise scores with the shipped model
 * trained on Endava IT-support tickets (see `plugins/tickets/models/MODEL_CARD.md`).
 *
 * @example
 * const plugin = createTicketsPlugin();
 * const model = await plugin.train(tickets, { logger, seed: 42, options: {} });
 * const scores = await model.score(tickets);
 */
export function createTicketsPlugin(settings: TicketsPluginSettings = {}): Plugin {
  const categories = [...(settings.categories ?? SHIPPED_TICKET_CATEGORIES)];
  return {
    id: TICKETS_PLUGIN_ID,
    label: 'Ticket classification',
    objectType: 'tickets',
    fields: ticketsFields(categories),

    parseOptions(options: Record<string, unknown>): unknown {
      return parseTicketsOptions(options);
    },

    async train(records: readonly CrmRecord[], context: TrainContext): Promise<TrainedModel> {
      const options = parseTicketsOptions(context.options);
      const { source, metrics } = trainTickets(records, options, context, categories);
      return new TicketsModel(options, source, metrics, context.logger);
    },

    async load(saved: SavedModel): Promise<TrainedModel> {
      return TicketsModel.load(saved, logger);
    },
  };
}
