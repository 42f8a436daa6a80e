export { createTicketsPlugin, type TicketsPluginSettings } from './tickets-plugin.js';
export { TicketsModel, TICKETS_PLUGIN_ID } from './tickets-model.js';
export {
  ticketsFields,
  TICKET_CATEGORY_FIELD,
  TICKET_CONFIDENCE_FIELD,
  TICKET_KEYWORDS_FIELD,
} from './tickets-fields.js';
export {
  parseTicketsOptions,
  DEFAULT_TICKET_TEXT_PROPERTIES,
  type TicketsOptions,
} from './tickets-options.js';
export {
  evaluateTickets,
  type EvaluateTicketsOptions,
  type TicketsEvaluation,
} from './evaluate-tickets.js';
export { TicketClassifier, type TicketClassifierJson } from './ticket-classifier.js';
export { shippedTicketModel, SHIPPED_TICKET_CATEGORIES } from './shipped-ticket-model.js';
export { classificationReport, type ClassificationReport } from './classification-report.js';
