import { z } from 'zod';

import { CrmMlError } from '../../core/errors/crm-ml-error.js';

// The client turns createdAt/updatedAt/archivedAt into Date objects; junk becomes Invalid Date,
// which z.date() rejects.
const hubspotObject = z.object({
  id: z.string().min(1),
  properties: z.record(z.string(), z.string().nullable()),
  createdAt: z.date().optional(),
  updatedAt: z.date().optional(),
  archived: z.boolean().optional(),
  archivedAt: z.date().optional(),
});

export type HubSpotObject = z.infer<typeof hubspotObject>;

const nextPage = z.object({ next: z.object({ after: z.string() }).optional() }).optional();

/** GET /crm/v3/objects/{type}: one page of the list endpoint. */
export const listPageSchema = z.object({ results: z.array(hubspotObject), paging: nextPage });

/** POST /crm/v3/objects/{type}/search. */
export const searchPageSchema = z.object({
  total: z.number().int().nonnegative(),
  results: z.array(hubspotObject),
  paging: nextPage,
});

const batchError = z.object({
  status: z.string(),
  category: z.string().optional(),
  message: z.string(),
  context: z.record(z.string(), z.array(z.string())).optional(),
});

export type HubSpotBatchError = z.infer<typeof batchError>;

/** POST /crm/v3/objects/{type}/batch/{update,read}: 200, or 207 with `errors`. */
export const batchResponseSchema = z.object({
  results: z.array(hubspotObject),
  errors: z.array(batchError).optional(),
  numErrors: z.number().optional(),
});

/** GET /crm/v3/properties/{type} and /crm/v3/properties/{type}/groups. */
export const namedListSchema = z.object({
  results: z.array(z.object({ name: z.string().min(1), type: z.string().optional() })),
});

/**
 * Validates a HubSpot response at the boundary; a mismatch is `hubspot_unexpected_payload`,
 * naming the endpoint and each field that was wrong.
 */
export function parsePayload<T>(schema: z.ZodType<T>, data: unknown, endpoint: string): T {
  const result = schema.safeParse(data);
  if (result.success) return result.data;

  const details = result.error.issues.slice(0, 10).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
  const first = details[0];
  const summary = first === undefined ? 'invalid shape' : `${first.path}: ${first.message}`;
  throw new CrmMlError(
    'hubspot_unexpected_payload',
    `HubSpot ${endpoint} answered with an unexpected payload (${summary})`,
    { details, retryable: false },
  );
}
