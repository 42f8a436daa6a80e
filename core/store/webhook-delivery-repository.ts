import { randomUUID } from 'node:crypto';

import type { Kysely } from 'kysely';

import { toIsoTimestamp } from './column-codec.js';
import type { Database } from './database-schema.js';

export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed' | 'cancelled';

/** An event as emitted once: `body` is the exact JSON text every delivery sends. */
export interface StoredWebhookEvent {
  id: string;
  type: string;
  connectionId: string;
  body: string;
  createdAt: string;
}

/** One subscription an event goes to. */
export interface DeliveryTarget {
  subscriptionId: string;
  tenantId: string;
}

/** A delivery the scheduler has claimed, with what it needs to send it. */
export interface ClaimedDelivery {
  id: string;
  eventId: string;
  eventType: string;
  subscriptionId: string;
  /** Attempts made so far. */
  attempts: number;
  body: string;
}

/** The result of one attempt and what it means for the delivery. */
export interface AttemptOutcome {
  attempt: number;
  attemptedAt: string;
  ok: boolean;
  responseCode: number | null;
  durationMs: number;
  error: string | null;
  /** When to try again; null when the delivery is done (sent, given up or disabled). */
  nextAttemptAt: string | null;
  deliveryStatus: WebhookDeliveryStatus;
}

/** One line of the delivery log. */
export interface WebhookAttempt {
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

/** Which events a replay re-sends: one by id, or all created in [from, to]. */
export type ReplaySelector = { eventId: string } | { from: string; to: string };

/**
 * Outbound webhook events, their deliveries (one per event and subscription, with the time of
 * the next attempt, so a restart loses nothing) and the log of every attempt.
 */
export class WebhookDeliveryRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => string,
  ) {}

  /** Stores the event and one pending delivery per target, due at `dueAt`. */
  async saveEvent(
    event: StoredWebhookEvent,
    targets: readonly DeliveryTarget[],
    dueAt: string,
  ): Promise<void> {
    const now = this.now();
    const due = toIsoTimestamp(dueAt, 'dueAt');
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_events')
        .values({
          id: event.id,
          type: event.type,
          connection_id: event.connectionId,
          body: event.body,
          created_at: toIsoTimestamp(event.createdAt, 'createdAt'),
        })
        .execute();
      if (targets.length === 0) return;

      await trx
        .insertInto('webhook_deliveries')
        .values(
          targets.map((target) => ({
            id: `dlv_${randomUUID()}`,
            event_id: event.id,
            subscription_id: target.subscriptionId,
            tenant_id: target.tenantId,
            status: 'pending',
            attempts: 0,
            next_attempt_at: due,
            claimed_until: null,
            last_response_code: null,
            last_error: null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute();
    });
  }

  /** Ids of pending deliveries due at `now` and not claimed by a live worker, oldest first. */
  async due(now: string, limit: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map((row) => row.id);
  }

  /**
   * Claims a due delivery until `leaseUntil`, so two workers never send it at once; null when
   * another worker got it first. A worker that dies leaves the lease to run out.
   */
  async claim(id: string, now: string, leaseUntil: string): Promise<ClaimedDelivery | null> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ claimed_until: leaseUntil })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<=', now)]))
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) return null;

    const row = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhook_events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'd.event_id', 'e.type', 'd.subscription_id', 'd.attempts', 'e.body'])
      .where('d.id', '=', id)
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      eventId: row.event_id,
      eventType: row.type,
      subscriptionId: row.subscription_id,
      attempts: Number(row.attempts),
      body: row.body,
    };
  }

  /** Logs an attempt and moves the delivery on (next attempt, done, or given up). */
  async recordAttempt(delivery: ClaimedDelivery, outcome: AttemptOutcome): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('webhook_attempts')
        .values({
          id: randomUUID(),
          delivery_id: delivery.id,
          subscription_id: delivery.subscriptionId,
          event_id: delivery.eventId,
          attempt: outcome.attempt,
          attempted_at: outcome.attemptedAt,
          status: outcome.ok ? 'succeeded' : 'failed',
          response_code: outcome.responseCode,
          duration_ms: Math.round(outcome.durationMs),
          error: outcome.error,
          next_attempt_at: outcome.nextAttemptAt,
        })
        .execute();

      await trx
        .updateTable('webhook_deliveries')
        .set({
          status: outcome.deliveryStatus,
          attempts: outcome.attempt,
          next_attempt_at: outcome.nextAttemptAt,
          claimed_until: null,
          last_response_code: outcome.responseCode,
          last_error: outcome.error,
          updated_at: this.now(),
        })
        .where('id', '=', delivery.id)
        .execute();
    });
  }

  /** Cancels the pending deliveries of a subscription (disabled or gone); returns how many. */
  async cancelPending(subscriptionId: string): Promise<number> {
    const result = await this.db
      .updateTable('webhook_deliveries')
      .set({ status: 'cancelled', next_attempt_at: null, updated_at: this.now() })
      .where('subscription_id', '=', subscriptionId)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** The delivery log of one subscription, latest first. */
  async attempts(subscriptionId: string, limit: number): Promise<WebhookAttempt[]> {
    const rows = await this.db
      .selectFrom('webhook_attempts as a')
      .innerJoin('webhook_events as e', 'e.id', 'a.event_id')
      .selectAll('a')
      .select('e.type')
      .where('a.subscription_id', '=', subscriptionId)
      .orderBy('a.attempted_at', 'desc')
      .orderBy('a.attempt', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      eventId: row.event_id,
      eventType: row.type,
      attempt: Number(row.attempt),
      attemptedAt: row.attempted_at,
      status: row.status as WebhookAttempt['status'],
      responseCode: row.response_code === null ? null : Number(row.response_code),
      durationMs: Number(row.duration_ms),
      error: row.error,
      nextAttemptAt: row.next_attempt_at,
    }));
  }

  /**
   * Makes a tenant's deliveries of the selected events pending again from `dueAt`, with a fresh
   * retry schedule, to its active subscriptions only. Returns the re-queued deliveries' event ids.
   */
  async requeue(tenantId: string, selector: ReplaySelector, dueAt: string): Promise<string[]> {
    let events = this.db.selectFrom('webhook_events').select('id');
    events =
      'eventId' in selector
        ? events.where('id', '=', selector.eventId)
        : events
            .where('created_at', '>=', toIsoTimestamp(selector.from, 'from'))
            .where('created_at', '<=', toIsoTimestamp(selector.to, 'to'));

    const rows = await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: 'pending',
        attempts: 0,
        next_attempt_at: toIsoTimestamp(dueAt, 'dueAt'),
        claimed_until: null,
        updated_at: this.now(),
      })
      .where('tenant_id', '=', tenantId)
      .where('event_id', 'in', events)
      .where('subscription_id', 'in', (eb) =>
        eb.selectFrom('webhook_subscriptions').select('id').where('status', '=', 'active'),
      )
      .returning('event_id')
      .execute();
    return rows.map((row) => row.event_id);
  }

  /** The earliest next attempt of any pending delivery, or null when none is pending. */
  async nextDueAt(): Promise<string | null> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.next ?? null;
  }
}
