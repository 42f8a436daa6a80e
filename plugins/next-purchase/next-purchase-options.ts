import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

const nextPurchaseOptionsSchema = z.object({
  /** Order properties; the defaults are HubSpot order/deal-style names. */
  timeProperty: z.string().min(1).default('createdate'),
  /** The order's total; `amount` (HubSpot's) unless priceProperty is named. */
  amountProperty: z.string().min(1).optional(),
  quantityProperty: z.string().min(1).optional(),
  priceProperty: z.string().min(1).optional(),
  /** Invoice ids starting with 'C' are cancellations and are left out. */
  invoiceProperty: z.string().min(1).optional(),
  /** The period expected purchases and value are for. */
  horizonDays: z.number().int().min(1).max(3650).default(90),
  /** Days held out for the metrics; default a third of the history, at most horizonDays. */
  holdoutDays: z.number().int().min(1).optional(),
});

/** The next-purchase plugin's options after validation and defaults. */
export type NextPurchaseOptions = z.infer<typeof nextPurchaseOptionsSchema>;

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseNextPurchaseOptions(options: unknown): NextPurchaseOptions {
  return parseOrThrow(
    nextPurchaseOptionsSchema,
    options,
    'next_purchase_options_invalid',
    'next_purchase option',
  );
}
