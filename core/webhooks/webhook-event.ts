import type { Json } from '../../plugins/plugin.js';

/** Every event type a subscription can ask for; the names are part of the public contract. */
export const WEBHOOK_EVENT_TYPES = [
  'score.updated',
  'churn.risk_crossed',
  'segment.changed',
  'sentiment.negative',
  'run.completed',
  'run.failed',
  'webhook.disabled',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** An event to send to the subscribers of its type and connection. */
export interface WebhookEvent {
  type: WebhookEventType;
  connectionId: string;
  /** The event's content; becomes `data` of the JSON body. */
  data: { [key: string]: Json };
  /**
   * Only these subscriptions get the event (still filtered by type and connection). Risk
   * crossings use it: whether a score crossed depends on each subscription's threshold.
   */
  subscriptionIds?: readonly string[];
}

/**
 * The JSON body subscribers receive, in the shape Standard Webhooks recommends: the type,
 * when the event happened, and its data.
 */
export interface WebhookBody {
  type: WebhookEventType;
  timestamp: string;
  data: { [key: string]: Json };
}
