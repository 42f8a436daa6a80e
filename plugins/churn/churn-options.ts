import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';
import { MODEL_FAMILIES } from '../../core/ml/models/binary-model.js';
import { DEFAULT_RISK_THRESHOLDS } from './churn-fields.js';

const probability = z.number().gt(0).lt(1);

const churnOptionsSchema = z.object({
  /** The property saying whether the customer churned. */
  target: z.string().trim().min(1),
  /** The target value meaning "churned"; by default Yes, true or 1 (any case). */
  positive: z.string().trim().min(1).optional(),
  /**
   * The property whose value keys the held-out split instead of the record id: a customer
   * number that stays the same across CRMs and re-imports keeps the same split.
   */
  idProperty: z.string().trim().min(1).optional(),
  /** Properties never used as features (leaky or irrelevant ones). */
  exclude: z.array(z.string().min(1)).default([]),
  /** Model families to choose from by cross-validated AUC (see `chooseFamily`). */
  families: z
    .array(z.enum(MODEL_FAMILIES))
    .min(1)
    .default([...MODEL_FAMILIES]),
  riskThresholds: z
    .object({ medium: probability, high: probability })
    .refine((t) => t.medium < t.high, { message: 'medium must be below high' })
    .default(DEFAULT_RISK_THRESHOLDS),
});

/** The churn plugin's options after validation and defaults. */
export type ChurnOptions = z.infer<typeof churnOptionsSchema>;

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseChurnOptions(options: unknown): ChurnOptions {
  return parseOrThrow(churnOptionsSchema, options, 'churn_options_invalid', 'churn option');
}
