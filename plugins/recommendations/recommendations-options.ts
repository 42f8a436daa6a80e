import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';
import { RECOMMENDER_MODELS } from './recommender.js';

const recommendationsOptionsSchema = z.object({
  /** Order-line properties; the defaults are HubSpot line-item property names. */
  itemProperty: z.string().min(1).default('hs_product_id'),
  nameProperty: z.string().min(1).default('name'),
  quantityProperty: z.string().min(1).default('quantity'),
  timeProperty: z.string().min(1).default('createdate'),
  /** An invoice or order number property; ids starting with 'C' are cancellations. */
  invoiceProperty: z.string().min(1).optional(),
  /** How many products each customer gets. */
  topN: z.number().int().min(1).max(50).default(5),
  /** Recommend products the customer already bought, however recently. */
  allowRepeat: z.boolean().default(false),
  /** Otherwise, products bought in this many days before the latest order are left out. */
  repeatWindowDays: z.number().min(0).default(30),
  /** Families to choose from on the last `validationDays` of the orders. */
  models: z
    .array(z.enum(RECOMMENDER_MODELS))
    .min(1)
    .default([...RECOMMENDER_MODELS]),
  validationDays: z.number().positive().default(30),
});

/** The recommendations plugin's options after validation and defaults. */
export type RecommendationsOptions = z.infer<typeof recommendationsOptionsSchema>;

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseRecommendationsOptions(options: unknown): RecommendationsOptions {
  return parseOrThrow(
    recommendationsOptionsSchema,
    options,
    'recommendations_options_invalid',
    'recommendations option',
  );
}
