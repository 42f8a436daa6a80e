/** A subscription as its tenant sees it (no secrets). */
export interface WebhookSubscriptionView {
  id: string;
  tenantId: string;
  url: string;
  events: string[];
  connectionIds: string[] | null;
  riskThreshold: number | null;
  status: 'active' | 'disabled';
  disabledReason: string | null;
  createdAt: string;
}

/** One attempt to deliver an event to a subscription. */
export interface WebhookAttemptView {
  deliveryId: string;
  eventId: string;
  eventType: string;
  attempt: number;
  attemptedAt: string;
  status: 'succeeded' | 'failed';
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  nextAttemptAt: string | null;
}

/** What the API asks for when it subscribes a URL. */
export interface WebhookSubscribeRequest {
  tenantId: string;
  url: string;
  events: readonly WebhookEventName[];
  connectionIds?: readonly string[];
  riskThreshold?: number;
}

export type WebhookEventName =
  | 'score.updated'
  | 'churn.risk_crossed'
  | 'segment.changed'
  | 'sentiment.negative'
  | 'run.completed'
  | 'run.failed'
  | 'webhook.disabled';

/** Which events to send again: one by id, or every event of a time window. */
export type WebhookReplaySelection = { eventId: string } | { from: string; to: string };

/**
 * What the API needs from outgoing webhooks; `WebhookService` of core/webhooks implements it.
 * Every call is scoped to a tenant: another tenant's subscription id behaves as unknown
 * (`remove` returns false, `deliveries` throws a not-found error), and `replay` requeues only
 * the tenant's own deliveries.
 */
export interface WebhookService {
  /** Creates a subscription; its signing secret is returned only here. */
  subscribe(
    input: WebhookSubscribeRequest,
  ): Promise<{ id: string; secret: string; subscription: WebhookSubscriptionView }>;
  list(tenantId: string): Promise<WebhookSubscriptionView[]>;
  remove(tenantId: string, subscriptionId: string): Promise<boolean>;
  /** Delivery attempts, latest first. */
  deliveries(
    tenantId: string,
    subscriptionId: string,
    options: { limit: number },
  ): Promise<WebhookAttemptView[]>;
  replay(tenantId: string, selection: WebhookReplaySelection): Promise<{ requeued: number }>;
  /** A new signing secret, returned only here; the old one also signs until the time given. */
  rotateSecret(
    tenantId: string,
    subscriptionId: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: string }>;
}
