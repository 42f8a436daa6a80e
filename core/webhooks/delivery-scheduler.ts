import { createLogger } from '../logging/logger.js';
import type { Logger } from '../logging/logger.js';
import type { ClaimedDelivery, Store } from '../store/index.js';
import { attemptDelivery } from './attempt-delivery.js';
import type { AttemptDeps, AttemptResult, DisabledNotice } from './attempt-delivery.js';
import { fetchSender } from './http-sender.js';
import type { HttpSender } from './http-sender.js';
import { WebhookService } from './webhook-service.js';
import { privateWebhookUrlsAllowed } from './webhook-url-guard.js';

export interface DeliverySchedulerOptions {
  store: Store;
  /** Default: real `fetch` with a 15 s timeout, refusing private destinations. */
  sender?: HttpSender;
  /** Let the default sender reach private addresses; default: `CRM_ML_WEBHOOKS_ALLOW_PRIVATE`. */
  allowPrivateUrls?: boolean;
  /** Default: the wall clock. Tests pass a simulated one. */
  clock?: () => Date;
  /** Deliveries claimed per query; `runDue` keeps going until nothing is due. */
  batchSize?: number;
  /** Deliveries in flight at once. */
  concurrency?: number;
  /** A subscription failing this long without one success is disabled; default 3 days. */
  disableAfterMs?: number;
  /** How long a claim lasts; a worker that dies mid-send frees its deliveries after this. */
  leaseMs?: number;
  /**
   * Called after a subscription is disabled (410 Gone or sustained failure), besides the
   * `webhook.disabled` event the tenant's other subscriptions get.
   */
  onSubscriptionDisabled?: (notice: DisabledNotice) => void | Promise<void>;
  logger?: Logger;
}

/** What one `runDue` did. */
export interface RunDueSummary {
  attempted: number;
  succeeded: number;
  retrying: number;
  failed: number;
  cancelled: number;
}

/** A running embedded delivery loop. */
export interface DeliveryLoop {
  /** Stops the loop and waits for the pass in progress, if any. */
  stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/**
 * Sends due webhook deliveries from the store and reschedules failed ones there, so the whole
 * retry state survives a restart. Queue-agnostic: call `runDue` from a repeatable job, or let
 * `startDeliveryLoop` poll in-process. Several workers may run it at once (deliveries are
 * claimed with a lease).
 *
 * @example
 * const scheduler = new DeliveryScheduler({ store });
 * const loop = scheduler.startDeliveryLoop({ intervalMs: 1_000 });
 * // …
 * await loop.stop();
 */
export class DeliveryScheduler {
  private readonly deps: AttemptDeps;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly leaseMs: number;

  constructor(options: DeliverySchedulerOptions) {
    const onDisabled = options.onSubscriptionDisabled;
    const notices = new WebhookService({
      store: options.store,
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.deps = {
      store: options.store,
      sender:
        options.sender ??
        fetchSender({ allowPrivateUrls: options.allowPrivateUrls ?? privateWebhookUrlsAllowed() }),
      clock: options.clock ?? (() => new Date()),
      disableAfterMs: options.disableAfterMs ?? 3 * DAY_MS,
      logger: options.logger ?? createLogger('webhooks'),
      onDisabled: async (notice) => {
        await notices.announceDisabled(notice);
        await onDisabled?.(notice);
      },
    };
    this.batchSize = options.batchSize ?? 100;
    this.concurrency = options.concurrency ?? 8;
    this.leaseMs = options.leaseMs ?? 60_000;
  }

  /** Attempts every delivery due at `now` (default: the clock's now), once each. */
  async runDue(now: Date = this.deps.clock()): Promise<RunDueSummary> {
    const summary: RunDueSummary = {
      attempted: 0,
      succeeded: 0,
      retrying: 0,
      failed: 0,
      cancelled: 0,
    };
    const at = now.toISOString();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const seen = new Set<string>();

    for (;;) {
      const ids = (await this.deps.store.webhookDeliveries.due(at, this.batchSize)).filter(
        (id) => !seen.has(id),
      );
      if (ids.length === 0) break;
      for (const id of ids) seen.add(id);

      await this.inParallel(ids, async (id) => {
        const claimed = await this.deps.store.webhookDeliveries.claim(id, at, leaseUntil);
        if (claimed === null) return;
        const result = await this.attempt(claimed);
        summary[result] += 1;
        if (result !== 'cancelled') summary.attempted += 1;
      });
    }

    if (summary.attempted > 0) this.deps.logger.info(summary, 'webhook deliveries attempted');
    return summary;
  }

  /** When the next pending delivery is due, or null when none is pending. */
  async nextDueAt(): Promise<Date | null> {
    const next = await this.deps.store.webhookDeliveries.nextDueAt();
    return next === null ? null : new Date(next);
  }

  /** Polls for due deliveries every `intervalMs` in this process (embedded mode). */
  startDeliveryLoop(options: { intervalMs: number }): DeliveryLoop {
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let current: Promise<void> = Promise.resolve();

    const tick = (): void => {
      current = this.runDue()
        .then(() => undefined)
        .catch((error: unknown) => {
          this.deps.logger.error({ err: error }, 'webhook delivery pass failed');
        })
        .finally(() => {
          // Re-armed only after a pass ends, so passes never overlap.
          if (!stopped) timer = setTimeout(tick, options.intervalMs).unref();
        });
    };
    timer = setTimeout(tick, 0).unref();

    return {
      stop: async () => {
        stopped = true;
        clearTimeout(timer);
        await current;
      },
    };
  }

  private async attempt(delivery: ClaimedDelivery): Promise<AttemptResult> {
    try {
      return await attemptDelivery(this.deps, delivery);
    } catch (error) {
      // A store failure mid-attempt: the lease runs out and another pass retries it.
      this.deps.logger.error({ err: error, deliveryId: delivery.id }, 'webhook attempt crashed');
      return 'retrying';
    }
  }

  private async inParallel(ids: readonly string[], work: (id: string) => Promise<void>) {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < ids.length) {
        const id = ids[next];
        next += 1;
        if (id !== undefined) await work(id);
      }
    };
    const workers = Math.min(this.concurrency, ids.length);
    await Promise.all(Array.from({ length: workers }, worker));
  }
}
