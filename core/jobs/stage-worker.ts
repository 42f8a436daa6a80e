import { Worker } from 'bullmq';
import type { Job as BullJob } from 'bullmq';

import { createLogger } from '../logging/logger.js';
import { RepeatedErrors } from '../logging/repeated-errors.js';
import type { QueueLocation } from './queue-set.js';
import { retryDelay } from './retry-delay.js';

const logger = createLogger('queue.worker');
// A Redis outage fails every connection several times a second: logged every 10 s.
const repeated = new RepeatedErrors(logger);

/** How a worker consumes one queue. */
export interface StageWorkerOptions {
  /** Jobs of this queue handled at once by this process; default 1. */
  concurrency?: number;
  /**
   * How long a job's lock lasts without renewal; default 30 s. A worker that dies holds its
   * jobs this long before another takes them over, so tests shorten it.
   */
  lockDurationMs?: number;
  /** How often stalled jobs are looked for; default 30 s. */
  stalledIntervalMs?: number;
  /**
   * How often one job may be taken over from a dead worker before it fails; default 10, well
   * above BullMQ's 1, because a deployment that restarts workers must not fail runs.
   */
  maxStalledCount?: number;
  /** Shown on jobs and in logs, e.g. `host-1234`. */
  name?: string;
}

export type StageProcessorFn = (bullJob: BullJob) => Promise<unknown>;

/**
 * A BullMQ worker on one queue. `processor` is a function, or the path of a module whose
 * default export is one: BullMQ then runs each job in a child process, so CPU-bound work
 * cannot block this process's lock renewals.
 */
export function createStageWorker(
  queue: string,
  processor: StageProcessorFn | string,
  location: QueueLocation,
  options: StageWorkerOptions = {},
): Worker {
  const worker = new Worker(queue, processor, {
    ...location,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 10,
    ...(options.name === undefined ? {} : { name: options.name }),
    settings: {
      backoffStrategy: (attemptsMade, _type, _error, job) =>
        retryDelay(attemptsMade, backoffBase(job?.opts.backoff)),
    },
  });
  worker.on('error', (err) => repeated.error(queue, err, { queue }, 'worker error'));
  worker.on('stalled', (jobId) => logger.warn({ queue, jobId }, 'job stalled, taken over'));
  return worker;
}

function backoffBase(backoff: unknown): number {
  if (typeof backoff === 'number') return backoff;
  const delay = (backoff as { delay?: unknown } | undefined)?.delay;
  return typeof delay === 'number' ? delay : 1_000;
}
