import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

const segmentsOptionsSchema = z
  .object({
    /** Order properties; the defaults are HubSpot order/deal-style names. */
    timeProperty: z.string().min(1).default('createdate'),
    /** The order's total; when absent, quantity × price is used if both are named. */
    amountProperty: z.string().min(1).optional(),
    quantityProperty: z.string().min(1).optional(),
    priceProperty: z.string().min(1).optional(),
    /** An invoice or order number: counts orders, and ids starting with 'C' are returns. */
    invoiceProperty: z.string().min(1).optional(),
    /** Numeric contact properties to segment on as well (e.g. `num_visits`). */
    properties: z.array(z.string().min(1)).default([]),
    /** A fixed number of segments; otherwise chosen in [kMin, kMax] by silhouette. */
    k: z.number().int().min(1).max(20).optional(),
    kMin: z.number().int().min(2).default(2),
    kMax: z.number().int().max(20).default(8),
  })
  .refine((o) => o.kMin <= o.kMax, { message: 'kMin must not exceed kMax' });

/** The segments plugin's options after validation and defaults. */
export type SegmentsOptions = z.infer<typeof segmentsOptionsSchema>;

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseSegmentsOptions(options: unknown): SegmentsOptions {
  return parseOrThrow(
    segmentsOptionsSchema,
    options,
    'segments_options_invalid',
    'segments option',
  );
}
