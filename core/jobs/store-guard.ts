import { UnrecoverableError } from 'bullmq';

import { CrmMlError } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import { toJobFailure } from './job-failure.js';
import type { QueuedJob, StageJob } from './stage-processor.js';

const logger = createLogger('queue.worker');

/** What every queued job carries besides its own data: the id of the store that enqueued it. */
export interface StoreStamp {
  /** `Store.id` of the enqueuing process; absent only on jobs queued before store identities. */
  storeId?: string;
}

/**
 * The refusal of a job another store enqueued: run here it would read this store's connection
 * of the same id, so another CRM's credentials, cursors and models.
 */
export function storeMismatch(queue: string, job: StageJob, jobStoreId: string, storeId: string) {
  const connectionId = (job.data as { connectionId?: unknown }).connectionId;
  const about = typeof connectionId === 'string' ? ` for connection ${connectionId}` : '';
  return new CrmMlError(
    'job_store_mismatch',
    `job ${job.id ?? '(no id)'} on queue ${queue}${about} was enqueued by store ${jobStoreId}, ` +
      `but this worker's store is ${storeId}: the two share a Redis and queue prefix. Give ` +
      'each environment its own CRM_ML_QUEUE_PREFIX, or point the worker at the same DATABASE_URL',
    { retryable: false },
  );
}

/**
 * Wraps a queue processor so it refuses, at once and for good, jobs that another store
 * enqueued (same Redis and prefix, another DATABASE_URL): the job fails with
 * `job_store_mismatch` before anything touches this store or a CRM. A job without a stamp
 * (queued by an older crm-ml) is still run, with a warning.
 */
export function refuseForeignJobs<J extends StageJob, R>(
  queue: string,
  storeId: string,
  processor: (job: J, token?: string) => Promise<R>,
): (job: J, token?: string) => Promise<R> {
  return async (job, token) => {
    const stamp = (job.data as StoreStamp | null)?.storeId;
    if (stamp === undefined) {
      logger.warn({ queue, jobId: job.id, storeId }, 'job carries no store id; run as before');
      return processor(job, token);
    }
    if (stamp === storeId) return processor(job, token);

    const error = storeMismatch(queue, job, stamp, storeId);
    logger.error({ queue, jobId: job.id, jobStoreId: stamp, storeId }, error.message);
    // Kept on the job, so a client waiting for it rethrows this error rather than a bare reason.
    await job.updateData({ ...(job.data as QueuedJob), failure: toJobFailure(error) });
    throw new UnrecoverableError(error.message);
  };
}
