import { z } from 'zod';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { WEBHOOK_EVENT_TYPES } from './webhook-event.js';
import type { WebhookEventType } from './webhook-event.js';

/** What a tenant gives to subscribe to events. */
export interface SubscribeInput {
  tenantId: string;
  /** Where events are POSTed; http or https. */
  url: string;
  events: readonly WebhookEventType[];
  /** Only events of these connections; all of the tenant's when absent. */
  connectionIds?: readonly string[];
  /** Churn probability (0–1) whose crossing, either way, sends `churn.risk_crossed`. */
  riskThreshold?: number;
}

const nonEmpty = z.string().trim().min(1);

const subscribeSchema = z.object({
  tenantId: nonEmpty,
  url: z.url({ protocol: /^https?$/ }),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1),
  connectionIds: z.array(nonEmpty).min(1).optional(),
  riskThreshold: z.number().gt(0).lt(1).optional(),
});

export type ValidSubscribeInput = z.infer<typeof subscribeSchema>;

/** Validates a subscription request; a bad one is a `webhook_invalid_subscription` error. */
export function parseSubscribeInput(input: SubscribeInput): ValidSubscribeInput {
  const parsed = subscribeSchema.safeParse(input);
  if (parsed.success) return parsed.data;

  const details = parsed.error.issues.map((issue) => ({
    path: issue.path.join('.') || '(input)',
    message: issue.message,
  }));
  throw new CrmMlError(
    'webhook_invalid_subscription',
    `invalid webhook subscription: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`,
    { details },
  );
}
