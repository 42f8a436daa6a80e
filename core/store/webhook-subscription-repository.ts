import type { Kysely } from 'kysely';

import { decodeJson, encodeJson, toIsoTimestamp } from './column-codec.js';
import type { Database, WebhookSubscriptionTable } from './database-schema.js';

export type WebhookSubscriptionStatus = 'active' | 'disabled';

/** What the webhooks service stores for a new subscription. */
export interface NewWebhookSubscription {
  id: string;
  tenantId: string;
  url: string;
  events: string[];
  /** Only events of these connections; null for every connection of the tenant. */
  connectionIds: string[] | null;
  /** Churn probability (0–1) whose crossing sends `churn.risk_crossed`; null for the default. */
  riskThreshold: number | null;
  secret: string;
}

/** A stored subscription, secrets included: never hand one to an API caller as is. */
export interface StoredWebhookSubscription extends NewWebhookSubscription {
  previousSecret: string | null;
  /** Until when `previousSecret` still signs deliveries (the rotation overlap). */
  previousSecretExpiresAt: string | null;
  status: WebhookSubscriptionStatus;
  disabledReason: string | null;
  /** When the current run of failed attempts began; null after a success. */
  failingSince: string | null;
  createdAt: string;
  updatedAt: string;
}

function toSubscription(row: WebhookSubscriptionTable): StoredWebhookSubscription {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    url: row.url,
    events: decodeJson<string[]>(row.events),
    connectionIds: row.connection_ids === null ? null : decodeJson<string[]>(row.connection_ids),
    riskThreshold: row.risk_threshold === null ? null : Number(row.risk_threshold),
    secret: row.secret,
    previousSecret: row.previous_secret,
    previousSecretExpiresAt: row.previous_secret_expires_at,
    status: row.status as WebhookSubscriptionStatus,
    disabledReason: row.disabled_reason,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Outbound webhook subscriptions, each owned by one tenant. */
export class WebhookSubscriptionRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  async create(input: NewWebhookSubscription): Promise<StoredWebhookSubscription> {
    const now = this.now();
    const row = await this.db
      .insertInto('webhook_subscriptions')
      .values({
        id: input.id,
        tenant_id: input.tenantId,
        url: input.url,
        events: encodeJson(input.events),
        connection_ids: input.connectionIds === null ? null : encodeJson(input.connectionIds),
        risk_threshold: input.riskThreshold,
        secret: input.secret,
        previous_secret: null,
        previous_secret_expires_at: null,
        status: 'active',
        disabled_reason: null,
        failing_since: null,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  }

  /** The subscription by id, or null; with `tenantId`, only if that tenant owns it. */
  async get(id: string, tenantId?: string): Promise<StoredWebhookSubscription | null> {
    let query = this.db.selectFrom('webhook_subscriptions').selectAll().where('id', '=', id);
    if (tenantId !== undefined) query = query.where('tenant_id', '=', tenantId);
    const row = await query.executeTakeFirst();
    return row === undefined ? null : toSubscription(row);
  }

  /** A tenant's subscriptions, oldest first. */
  async list(tenantId: string): Promise<StoredWebhookSubscription[]> {
    const rows = await this.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toSubscription);
  }

  /** Active subscriptions, of one tenant or (null) of all tenants. */
  async listActive(tenantId: string | null): Promise<StoredWebhookSubscription[]> {
    let query = this.db
      .selectFrom('webhook_subscriptions')
      .selectAll()
      .where('status', '=', 'active');
    if (tenantId !== null) query = query.where('tenant_id', '=', tenantId);
    const rows = await query.orderBy('created_at').orderBy('id').execute();
    return rows.map(toSubscription);
  }

  /** Deletes the subscription with its deliveries and their log; false when not found. */
  async remove(tenantId: string, id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .deleteFrom('webhook_subscriptions')
        .where('id', '=', id)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
      if (result.numDeletedRows === 0n) return false;

      await trx.deleteFrom('webhook_attempts').where('subscription_id', '=', id).execute();
      await trx.deleteFrom('webhook_deliveries').where('subscription_id', '=', id).execute();
      return true;
    });
  }

  /** Makes `secret` current; the old one keeps signing until `overlapUntil`. */
  async rotateSecret(
    tenantId: string,
    id: string,
    secret: string,
    overlapUntil: string,
  ): Promise<boolean> {
    const current = await this.get(id, tenantId);
    if (current === null) return false;

    await this.db
      .updateTable('webhook_subscriptions')
      .set({
        secret,
        previous_secret: current.secret,
        previous_secret_expires_at: toIsoTimestamp(overlapUntil, 'overlapUntil'),
        updated_at: this.now(),
      })
      .where('id', '=', id)
      .execute();
    return true;
  }

  /** Notes a failed attempt: starts the failing period unless one is running. */
  async markFailing(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('webhook_subscriptions')
      .set({ failing_since: toIsoTimestamp(at, 'at'), updated_at: this.now() })
      .where('id', '=', id)
      .where('failing_since', 'is', null)
      .execute();
  }

  /** Notes a successful attempt: the failing period is over. */
  async clearFailing(id: string): Promise<void> {
    await this.db
      .updateTable('webhook_subscriptions')
      .set({ failing_since: null, updated_at: this.now() })
      .where('id', '=', id)
      .where('failing_since', 'is not', null)
      .execute();
  }

  /** Stops deliveries to the subscription; true when it was active until now. */
  async setStatus(
    id: string,
    status: WebhookSubscriptionStatus,
    reason: string | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_subscriptions')
      .set({ status, disabled_reason: reason, failing_since: null, updated_at: this.now() })
      .where('id', '=', id)
      .where('status', '<>', status)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
