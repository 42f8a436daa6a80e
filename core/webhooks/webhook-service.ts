import { randomUUID } from 'node:crypto';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type {
  ReplaySelector,
  Store,
  StoredWebhookSubscription,
  WebhookAttempt,
} from '../store/index.js';
import type { DisabledNotice } from './attempt-delivery.js';
import { parseSubscribeInput } from './subscription-input.js';
import type { SubscribeInput } from './subscription-input.js';
import type { WebhookBody, WebhookEvent } from './webhook-event.js';
import { generateWebhookSecret } from './webhook-secret.js';
import { assertSubscribableUrl, privateWebhookUrlsAllowed } from './webhook-url-guard.js';

const logger = createLogger('webhooks');

/** The churn probability a subscription without its own threshold watches (the "high" band). */
export const DEFAULT_RISK_THRESHOLD = 0.6;

/** How long the old secret keeps signing after a rotation, so subscribers can switch over. */
const DEFAULT_ROTATION_OVERLAP_MS = 24 * 3_600_000;

export interface WebhookServiceOptions {
  store: Store;
  clock?: () => Date;
  /**
   * The tenant that owns a connection. Events go only to that tenant's subscriptions; without
   * it (single-tenant embedded use) any tenant's subscription to the connection matches.
   */
  tenantOf?: (connectionId: string) => Promise<string | null>;
  rotationOverlapMs?: number;
  /** Accept loopback and private URLs; default: `CRM_ML_WEBHOOKS_ALLOW_PRIVATE=true`. */
  allowPrivateUrls?: boolean;
}

/** A subscription as its owner sees it: everything but the secrets. */
export interface WebhookSubscription {
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

/** The answer to `subscribe`: the secret is shown here once and never again. */
export interface NewSubscription {
  id: string;
  secret: string;
  subscription: WebhookSubscription;
}

function toPublic(stored: StoredWebhookSubscription): WebhookSubscription {
  const { id, tenantId, url, events, connectionIds, riskThreshold, status } = stored;
  const { disabledReason, createdAt } = stored;
  return {
    id,
    tenantId,
    url,
    events,
    connectionIds,
    riskThreshold,
    status,
    disabledReason,
    createdAt,
  };
}

/**
 * Outbound webhooks: tenants subscribe to events, the pipeline emits them, and the
 * `DeliveryScheduler` sends them signed per Standard Webhooks, with retries and a log.
 *
 * @example
 * const webhooks = new WebhookService({ store });
 * const { id, secret } = await webhooks.subscribe({
 *   tenantId: 'acme', url: 'https://hooks.acme.example/crm-ml', events: ['churn.risk_crossed'],
 * });
 */
export class WebhookService {
  private readonly store: Store;
  private readonly clock: () => Date;
  private readonly tenantOf: ((connectionId: string) => Promise<string | null>) | undefined;
  private readonly rotationOverlapMs: number;
  private readonly allowPrivateUrls: boolean;

  constructor(options: WebhookServiceOptions) {
    this.store = options.store;
    this.clock = options.clock ?? (() => new Date());
    this.tenantOf = options.tenantOf;
    this.rotationOverlapMs = options.rotationOverlapMs ?? DEFAULT_ROTATION_OVERLAP_MS;
    this.allowPrivateUrls = options.allowPrivateUrls ?? privateWebhookUrlsAllowed();
  }

  /** Creates a subscription and returns its id and signing secret (`whsec_…`, shown once). */
  async subscribe(input: SubscribeInput): Promise<NewSubscription> {
    const valid = parseSubscribeInput(input);
    if (!this.allowPrivateUrls) assertSubscribableUrl(valid.url);
    const secret = generateWebhookSecret();
    const stored = await this.store.webhookSubscriptions.create({
      id: `sub_${randomUUID().replaceAll('-', '')}`,
      tenantId: valid.tenantId,
      url: valid.url,
      events: [...new Set(valid.events)],
      connectionIds: valid.connectionIds ?? null,
      riskThreshold: valid.riskThreshold ?? null,
      secret,
    });
    logger.info({ subscriptionId: stored.id, tenantId: stored.tenantId }, 'webhook subscribed');
    return { id: stored.id, secret, subscription: toPublic(stored) };
  }

  /** The tenant's subscriptions, without secrets. */
  async list(tenantId: string): Promise<WebhookSubscription[]> {
    return (await this.store.webhookSubscriptions.list(tenantId)).map(toPublic);
  }

  /** Deletes a subscription with its pending deliveries and log; false when not found. */
  async remove(tenantId: string, id: string): Promise<boolean> {
    return this.store.webhookSubscriptions.remove(tenantId, id);
  }

  /**
   * Issues a new secret. Until `previousSecretExpiresAt`, every delivery carries signatures
   * by both secrets, so the subscriber can switch without dropping a message.
   */
  async rotateSecret(
    tenantId: string,
    id: string,
  ): Promise<{ secret: string; previousSecretExpiresAt: string }> {
    const secret = generateWebhookSecret();
    const until = new Date(this.clock().getTime() + this.rotationOverlapMs).toISOString();
    const rotated = await this.store.webhookSubscriptions.rotateSecret(tenantId, id, secret, until);
    if (!rotated) throw notFound(id);
    return { secret, previousSecretExpiresAt: until };
  }

  /** The delivery log of a subscription, latest attempt first. */
  async deliveries(
    tenantId: string,
    subscriptionId: string,
    options: { limit: number },
  ): Promise<WebhookAttempt[]> {
    const owned = await this.store.webhookSubscriptions.get(subscriptionId, tenantId);
    if (owned === null) throw notFound(subscriptionId);
    return this.store.webhookDeliveries.attempts(subscriptionId, options.limit);
  }

  /**
   * Sends the tenant's deliveries of one event, or of every event created in [from, to], again
   * from now, with the same `webhook-id` and body as the first time.
   */
  async replay(tenantId: string, selector: ReplaySelector): Promise<{ requeued: number }> {
    const now = this.clock().toISOString();
    const eventIds = await this.store.webhookDeliveries.requeue(tenantId, selector, now);
    logger.info({ tenantId, selector, requeued: eventIds.length }, 'webhook deliveries replayed');
    return { requeued: eventIds.length };
  }

  /**
   * Records an event and queues one delivery per matching subscription. The body is
   * serialised here, once: every attempt and replay sends and signs these exact bytes.
   */
  async emit(event: WebhookEvent): Promise<{ eventId: string; deliveries: number }> {
    return this.record(event, await this.subscribersOf(event));
  }

  /**
   * The notice of a disabled subscription: a `webhook.disabled` event to the tenant's other
   * active subscriptions that asked for it, delivered and logged like any event.
   */
  async announceDisabled(notice: DisabledNotice): Promise<{ eventId: string; deliveries: number }> {
    const active = await this.store.webhookSubscriptions.listActive(notice.tenantId);
    const targets = active.filter(
      (subscription) =>
        subscription.id !== notice.subscriptionId &&
        subscription.events.includes('webhook.disabled'),
    );
    const { subscriptionId, url, reason } = notice;
    // A subscription belongs to a tenant, not to one connection: the event names none.
    const event: WebhookEvent = {
      type: 'webhook.disabled',
      connectionId: '',
      data: { subscriptionId, url, reason },
    };
    const recorded = await this.record(event, targets);
    logger.info({ ...notice, ...recorded }, 'webhook subscription disabled: notice sent');
    return recorded;
  }

  private async record(
    event: WebhookEvent,
    subscriptions: readonly StoredWebhookSubscription[],
  ): Promise<{ eventId: string; deliveries: number }> {
    const eventId = `msg_${randomUUID().replaceAll('-', '')}`;
    const now = this.clock();
    const targets = subscriptions.map((subscription) => ({
      subscriptionId: subscription.id,
      tenantId: subscription.tenantId,
    }));
    if (targets.length === 0) return { eventId, deliveries: 0 };

    const body: WebhookBody = { type: event.type, timestamp: now.toISOString(), data: event.data };
    await this.store.webhookDeliveries.saveEvent(
      {
        id: eventId,
        type: event.type,
        connectionId: event.connectionId,
        body: JSON.stringify(body),
        createdAt: now.toISOString(),
      },
      targets,
      now.toISOString(),
    );
    return { eventId, deliveries: targets.length };
  }

  /** Active subscriptions to `type` events of the connection, each with its risk threshold. */
  async subscribersTo(
    type: WebhookEvent['type'],
    connectionId: string,
  ): Promise<Array<{ id: string; riskThreshold: number }>> {
    const matching = await this.subscribersOf({ type, connectionId, data: {} });
    return matching.map((subscription) => ({
      id: subscription.id,
      riskThreshold: subscription.riskThreshold ?? DEFAULT_RISK_THRESHOLD,
    }));
  }

  private async subscribersOf(event: WebhookEvent): Promise<StoredWebhookSubscription[]> {
    let tenantId: string | null = null;
    if (this.tenantOf !== undefined) {
      tenantId = await this.tenantOf(event.connectionId);
      if (tenantId === null) return [];
    }

    const active = await this.store.webhookSubscriptions.listActive(tenantId);
    return active.filter(
      (subscription) =>
        subscription.events.includes(event.type) &&
        (subscription.connectionIds === null ||
          subscription.connectionIds.includes(event.connectionId)) &&
        (event.subscriptionIds === undefined || event.subscriptionIds.includes(subscription.id)),
    );
  }
}

function notFound(id: string): CrmMlError {
  return new CrmMlError('webhook_not_found', `webhook subscription ${id} not found`);
}
