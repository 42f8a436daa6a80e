import type { Logger } from '../logging/logger.js';
import type { ClaimedDelivery, Store, StoredWebhookSubscription } from '../store/index.js';
import type { AttemptOutcome } from '../store/index.js';
import type { HttpSender, WebhookResponse } from './http-sender.js';
import { retryAfterMs, retryDelayMs } from './retry-schedule.js';
import { signWebhook } from './sign-webhook.js';

/** Why a subscription stopped receiving deliveries, for whoever must tell its owner. */
export interface DisabledNotice {
  subscriptionId: string;
  tenantId: string;
  url: string;
  reason: string;
}

/** What one attempt needs besides the delivery itself. */
export interface AttemptDeps {
  store: Store;
  sender: HttpSender;
  clock: () => Date;
  /** Failing this long without one success disables the subscription. */
  disableAfterMs: number;
  logger: Logger;
  onDisabled: (notice: DisabledNotice) => Promise<void>;
}

export type AttemptResult = 'succeeded' | 'retrying' | 'failed' | 'cancelled';

type Answer = { response: WebhookResponse } | { error: string };

/**
 * Sends one claimed delivery and records the attempt: success, a retry at the next step of the
 * schedule (later if the subscriber asked with `Retry-After`), or the end. A `410 Gone`, or
 * failing for `disableAfterMs` in a row, disables the subscription.
 */
export async function attemptDelivery(
  deps: AttemptDeps,
  delivery: ClaimedDelivery,
): Promise<AttemptResult> {
  const { store } = deps;
  const subscription = await store.webhookSubscriptions.get(delivery.subscriptionId);
  if (subscription === null || subscription.status !== 'active') {
    await store.webhookDeliveries.cancelPending(delivery.subscriptionId);
    return 'cancelled';
  }

  const attemptedAt = deps.clock();
  const started = performance.now();
  const answer = await send(deps, subscription, delivery, attemptedAt);
  const durationMs = performance.now() - started;
  const attempt = delivery.attempts + 1;
  const base = { attempt, attemptedAt: attemptedAt.toISOString(), durationMs };

  if ('response' in answer && answer.response.status >= 200 && answer.response.status < 300) {
    await store.webhookDeliveries.recordAttempt(delivery, {
      ...base,
      ok: true,
      responseCode: answer.response.status,
      error: null,
      nextAttemptAt: null,
      deliveryStatus: 'succeeded',
    });
    await store.webhookSubscriptions.clearFailing(subscription.id);
    return 'succeeded';
  }

  const failure = outcomeOfFailure(answer, attempt, attemptedAt);
  await store.webhookDeliveries.recordAttempt(delivery, { ...base, ...failure });
  deps.logger.info(
    { subscriptionId: subscription.id, eventId: delivery.eventId, attempt, ...failure },
    'webhook attempt failed',
  );

  const reason = await disableReason(deps, subscription, answer, attemptedAt);
  if (reason !== null) await disable(deps, subscription, reason);
  return failure.deliveryStatus === 'pending' ? 'retrying' : 'failed';
}

async function send(
  deps: AttemptDeps,
  subscription: StoredWebhookSubscription,
  delivery: ClaimedDelivery,
  attemptedAt: Date,
): Promise<Answer> {
  // Serialised once at emit time; these bytes are both signed and sent.
  const body = Buffer.from(delivery.body, 'utf8');
  const overlapping =
    subscription.previousSecretExpiresAt !== null &&
    Date.parse(subscription.previousSecretExpiresAt) > attemptedAt.getTime();
  const secrets = {
    current: subscription.secret,
    previous: overlapping ? subscription.previousSecret : null,
  };
  const headers = signWebhook(secrets, delivery.eventId, attemptedAt, body);

  try {
    return { response: await deps.sender({ url: subscription.url, headers, body }) };
  } catch (error) {
    const cause = error instanceof Error ? (error.cause as Error | undefined) : undefined;
    const message = error instanceof Error ? error.message : String(error);
    return { error: cause?.message ? `${message}: ${cause.message}` : message };
  }
}

type FailureOutcome = Omit<AttemptOutcome, 'attempt' | 'attemptedAt' | 'durationMs'>;

function outcomeOfFailure(answer: Answer, attempt: number, attemptedAt: Date): FailureOutcome {
  const responseCode = 'response' in answer ? answer.response.status : null;
  const error = 'error' in answer ? answer.error : `HTTP ${responseCode ?? ''}`.trim();
  const delay = responseCode === 410 ? null : retryDelayMs(attempt);
  if (delay === null) {
    return { ok: false, responseCode, error, nextAttemptAt: null, deliveryStatus: 'failed' };
  }

  const asked = 'response' in answer ? retryAfterMs(answer.response.retryAfter, attemptedAt) : null;
  const wait = Math.max(delay, asked ?? 0);
  const nextAttemptAt = new Date(attemptedAt.getTime() + wait).toISOString();
  return { ok: false, responseCode, error, nextAttemptAt, deliveryStatus: 'pending' };
}

async function disableReason(
  deps: AttemptDeps,
  subscription: StoredWebhookSubscription,
  answer: Answer,
  attemptedAt: Date,
): Promise<string | null> {
  if ('response' in answer && answer.response.status === 410) {
    return 'the endpoint answered 410 Gone';
  }

  if (subscription.failingSince === null) {
    await deps.store.webhookSubscriptions.markFailing(subscription.id, attemptedAt.toISOString());
    return null;
  }
  const failingMs = attemptedAt.getTime() - Date.parse(subscription.failingSince);
  if (failingMs < deps.disableAfterMs) return null;
  const hours = Math.round(failingMs / 3_600_000);
  return `every attempt failed for ${hours} hours (since ${subscription.failingSince})`;
}

async function disable(
  deps: AttemptDeps,
  subscription: StoredWebhookSubscription,
  reason: string,
): Promise<void> {
  const changed = await deps.store.webhookSubscriptions.setStatus(
    subscription.id,
    'disabled',
    reason,
  );
  if (!changed) return;

  const cancelled = await deps.store.webhookDeliveries.cancelPending(subscription.id);
  const notice = {
    subscriptionId: subscription.id,
    tenantId: subscription.tenantId,
    url: subscription.url,
    reason,
  };
  deps.logger.warn({ ...notice, cancelled }, 'webhook subscription disabled');
  await deps.onDisabled(notice);
}
