import { randomUUID } from 'node:crypto';

import type { Job as BullJob, Worker } from 'bullmq';

import { createLogger } from '../logging/logger.js';
import type { Store } from '../store/index.js';
import { DeliveryScheduler } from '../webhooks/delivery-scheduler.js';
import { drainInboundChanges } from '../webhooks/drain-inbound-changes.js';
import { INBOUND_QUEUE, WEBHOOK_QUEUE } from './queue-names.js';
import type { QueueSet } from './queue-set.js';
import { enqueueRun, waitForRun } from './run-client.js';
import { refuseForeignJobs, type StoreStamp } from './store-guard.js';
import { createStageWorker, type StageWorkerOptions } from './stage-worker.js';

const logger = createLogger('queue.webhooks');

/** The job scheduler's id: one per deployment however many workers upsert it. */
const DELIVERY_SCHEDULER_ID = 'webhook-delivery';

/** How often due webhook deliveries are sent. */
export const DELIVERY_EVERY_MS = 1_000;

/** What a job on the inbound queue carries. */
export interface InboundJobData extends StoreStamp {
  connectionId: string;
}

/**
 * Queues the processing of a connection's stored inbound changes. The changes themselves are
 * in the store already; a job per accepted batch makes sure some worker runs them.
 */
export async function enqueueInboundChanges(
  queues: QueueSet,
  connectionId: string,
  storeId?: string,
) {
  const data: InboundJobData = { connectionId, ...(storeId === undefined ? {} : { storeId }) };
  await queues.queue(INBOUND_QUEUE).add('changes', data, {
    jobId: `${connectionId}.${randomUUID()}`,
    attempts: 5,
    backoff: { type: 'crm-ml', delay: 5_000 },
    removeOnComplete: { age: 24 * 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  });
}

/**
 * Puts outbound webhook delivery on the queue: a scheduled job every `everyMs` whose worker
 * sends the deliveries due (the store keeps the retry schedule, and claims with leases keep
 * two passes from sending one delivery twice). Upserting the scheduler is idempotent.
 */
export async function scheduleWebhookDelivery(queues: QueueSet, everyMs = DELIVERY_EVERY_MS) {
  await queues
    .queue(WEBHOOK_QUEUE)
    .upsertJobScheduler(
      DELIVERY_SCHEDULER_ID,
      { every: everyMs },
      { name: 'deliver', data: {}, opts: { removeOnComplete: true, removeOnFail: { count: 100 } } },
    );
}

export interface WebhookWorkersOptions {
  store: Store;
  queues: QueueSet;
  /** Which of `webhook` (delivery) and `inbound` to consume. */
  consume: ReadonlySet<string>;
  worker?: StageWorkerOptions;
}

/** Workers for outbound delivery and inbound CRM changes, as `consume` asks. */
export function startWebhookWorkers(options: WebhookWorkersOptions): Worker[] {
  const { store, queues } = options;
  const workers: Worker[] = [];

  if (options.consume.has(WEBHOOK_QUEUE)) {
    const scheduler = new DeliveryScheduler({ store });
    scheduleWebhookDelivery(queues).catch((err: unknown) =>
      logger.error({ err }, 'webhook delivery could not be scheduled'),
    );
    workers.push(
      createStageWorker(WEBHOOK_QUEUE, () => scheduler.runDue(), queues.location, {
        ...options.worker,
        concurrency: 1,
      }),
    );
  }

  if (options.consume.has(INBOUND_QUEUE)) {
    const processor = async (job: BullJob): Promise<{ handled: number }> => {
      const { connectionId } = job.data as InboundJobData;
      const handled = await drainInboundChanges(store, connectionId, async (_, changes) => {
        // A retried job gets a run of its own: the failed one stays failed under its id.
        const runId = `inbound-${String(job.id)}-${job.attemptsMade}`;
        await enqueueRun(queues, {
          connectionId,
          runId,
          storeId: store.id,
          ...(changes === undefined ? {} : { changes }),
        });
        await waitForRun(queues, runId);
      });
      logger.info({ connectionId, handled }, 'inbound changes handled');
      return { handled };
    };
    const guarded = refuseForeignJobs(INBOUND_QUEUE, store.id, processor);
    workers.push(createStageWorker(INBOUND_QUEUE, guarded, queues.location, options.worker));
  }
  return workers;
}
