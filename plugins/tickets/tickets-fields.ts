import type { FieldSpec } from '../../connectors/connector.js';

/** CRM property names the plugin writes on a ticket (also the keys of `RecordScore.values`). */
export const TICKET_CATEGORY_FIELD = 'crm_ml_ticket_category';
export const TICKET_CONFIDENCE_FIELD = 'crm_ml_ticket_category_confidence';
export const TICKET_KEYWORDS_FIELD = 'crm_ml_ticket_keywords';

/** The fields the tickets plugin writes; the category's options are the model's classes. */
export function ticketsFields(categories: readonly string[]): FieldSpec[] {
  return [
    {
      name: TICKET_CATEGORY_FIELD,
      label: 'Ticket category',
      description: 'The category crm-ml reads in the ticket’s subject and description.',
      type: 'enumeration',
      options: categories.map((category) => ({ value: category, label: category })),
    },
    {
      name: TICKET_CONFIDENCE_FIELD,
      label: 'Ticket category confidence',
      description: 'How sure the model is of the category: its probability, from 0 to 100.',
      type: 'number',
    },
    {
      name: TICKET_KEYWORDS_FIELD,
      label: 'Ticket keywords',
      description: 'The words that set this ticket apart, by TF-IDF weight.',
      type: 'text',
    },
  ];
}
