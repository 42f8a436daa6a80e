import { DelayedError, UnrecoverableError } from 'bullmq';

import { isRetryable, resumeTimeOf } from '../errors/crm-ml-error.js';
import { createLogger } from '../logging/logger.js';
import type { Job, JobHandler, JobProgress } from './job.js';
import { toJobFailure } from './job-failure.js';

const logger = createLogger('queue.worker');

// Progress goes through Redis; a few updates a second are plenty for a progress bar.
const PROGRESS_INTERVAL_MS = 250;

/** A job as it sits in a queue: the job, and the failure of its last attempt if any. */
export type QueuedJob = Job & { failure?: unknown };

/** The part of a BullMQ job a stage needs; sandboxed jobs in child processes have it too. */
export interface StageJob {
  readonly data: unknown;
  readonly attemptsMade: number;
  readonly id?: string | undefined;
  updateData(data: QueuedJob): Promise<void>;
  updateProgress(progress: StageProgressData): Promise<void>;
  /** Puts the job back as delayed until `timestamp` (ms), without spending an attempt. */
  moveToDelayed?(timestamp: number, token?: string): Promise<void>;
}

/** What a stage job reports as progress. */
export interface StageProgressData {
  done: number;
  total: number;
}

/**
 * Wraps a handler for a BullMQ worker: throttled progress, logs with the job's bindings, and
 * the retry contract — a retryable CrmMlError is thrown on for BullMQ's backoff, anything
 * else becomes an UnrecoverableError so it fails at once. A pause (an error with `resumeAt`,
 * such as a spent CRM API budget) delays the job until then instead: the run goes on later.
 */
export function stageProcessor(
  handler: JobHandler,
): (bullJob: StageJob, token?: string) => Promise<unknown> {
  return async (bullJob, token) => {
    const { failure: _previous, ...job } = bullJob.data as QueuedJob;
    const log = logger.child({
      runId: job.runId,
      connectionId: job.connectionId,
      job: job.kind,
      attempt: bullJob.attemptsMade + 1,
    });
    const started = performance.now();

    try {
      const summary = await handler(job, throttledProgress(bullJob));
      log.info({ ms: Math.round(performance.now() - started) }, 'job succeeded');
      // BullMQ stores `undefined` as nothing; null keeps "no summary" explicit for clients.
      return summary ?? null;
    } catch (error) {
      const resumeAt = resumeTimeOf(error);
      if (resumeAt !== null && bullJob.moveToDelayed !== undefined) {
        await bullJob.moveToDelayed(Date.parse(resumeAt), token);
        log.warn({ err: error, resumeAt }, 'job paused; delayed until the CRM has room again');
        throw new DelayedError();
      }
      await bullJob.updateData({ ...job, failure: toJobFailure(error) });
      if (!isRetryable(error)) {
        log.error({ err: error }, 'job failed, not retryable');
        const message = error instanceof Error ? error.message : String(error);
        throw new UnrecoverableError(message);
      }
      log.warn({ err: error }, 'job failed, retried while attempts remain');
      throw error;
    }
  };
}

function throttledProgress(bullJob: StageJob): JobProgress {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
    last = now;
    const data: StageProgressData = { done, total };
    void bullJob.updateProgress(data).catch((err: unknown) => {
      logger.warn({ err, jobId: bullJob.id }, 'progress update lost');
    });
  };
}
