import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

/**
 * Text properties read by default, joined in this order: HubSpot tickets' `subject` and
 * `content`, Salesforce Cases' `Subject` and `Description` (the connector keeps standard
 * field names as they are).
 */
export const DEFAULT_TICKET_TEXT_PROPERTIES = ['subject', 'content', 'Subject', 'Description'];

const ticketsOptionsSchema = z.object({
  textProperties: z.array(z.string().min(1)).min(1).default(DEFAULT_TICKET_TEXT_PROPERTIES),
  /**
   * The property holding each ticket's category (e.g. HubSpot `hs_ticket_category`, a Case's
   * `Type`). When set and enough tickets carry one, the model is trained on them; otherwise
   * the shipped IT-support model scores.
   */
  labelProperty: z.string().min(1).optional(),
  /** Labelled tickets needed per class before training on the CRM's own categories. */
  minPerClass: z.number().int().min(2).default(10),
  /** Share of labelled tickets held out for the reported figures. */
  testShare: z.number().gt(0).lt(0.5).default(0.2),
  /**
   * `balanced` gives every class the same total weight, so rare categories are not drowned
   * by common ones (macro F1 is the headline figure); `none` keeps the CRM's class mix.
   */
  classWeight: z.enum(['balanced', 'none']).default('balanced'),
  /** Terms written in `crm_ml_ticket_keywords`. */
  keywords: z.number().int().min(1).max(10).default(5),
});

/** The tickets plugin's options after validation and defaults. */
export type TicketsOptions = z.infer<typeof ticketsOptionsSchema>;

/** Validates plugin options; the error names the first bad option. */
export function parseTicketsOptions(options: unknown): TicketsOptions {
  return parseOrThrow(
    ticketsOptionsSchema,
    options ?? {},
    'tickets_options_invalid',
    'tickets option',
  );
}
