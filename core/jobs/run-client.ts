import { randomUUID } from 'node:crypto';

import { Job as BullJob } from 'bullmq';

import { CrmMlError } from '../errors/crm-ml-error.js';
import type { ChangedRecords } from '../pipeline/pipeline-jobs.js';
import type { RunSummary } from '../pipeline/run-pipeline.js';
import type { JobKind } from './job.js';
import { fromFailedJob } from './job-failure.js';
import { whenLost } from './job-lost.js';
import { RUN_QUEUE, STAGE_KINDS } from './queue-names.js';
import type { QueueSet } from './queue-set.js';
import type { RunJobData } from './run-job.js';
import type { StageProgressData } from './stage-processor.js';

/** A run to enqueue for one connection. */
export interface RunRequest {
  connectionId: string;
  forceTrain?: boolean;
  /** Defaults to a fresh UUID; enqueueing an id again adds nothing. */
  runId?: string;
  /** The run's row in the store, recorded by the caller; the worker then finishes that row. */
  storeRunId?: number;
  /** Read and rescore only these records (a CRM webhook named them). */
  changes?: ChangedRecords;
  /** `Store.id` of the enqueuing store; a worker of another store refuses the run. */
  storeId?: string;
}

/** Adds a run to the `run` queue and returns its id; some worker will carry it out. */
export async function enqueueRun(queues: QueueSet, request: RunRequest): Promise<string> {
  const runId = request.runId ?? randomUUID();
  const data: RunJobData = {
    connectionId: request.connectionId,
    forceTrain: request.forceTrain ?? false,
    runId,
    ...(request.storeRunId === undefined ? {} : { storeRunId: request.storeRunId }),
    ...(request.changes === undefined ? {} : { changes: request.changes }),
    ...(request.storeId === undefined ? {} : { storeId: request.storeId }),
  };
  // A run is not retried as a whole: its stages retry themselves, and a run whose worker died
  // is taken over (maxStalledCount), not repeated.
  await queues.queue(RUN_QUEUE).add('run', data, {
    jobId: runId,
    attempts: 1,
    removeOnComplete: { age: 7 * 24 * 3600, count: 10_000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  });
  return runId;
}

/** Receives the progress of a run's stages while `waitForRun` waits. */
export type RunProgress = (stage: JobKind, done: number, total: number) => void;

/** Waits until run `runId` finished and returns its summary, or throws the stage's error. */
export async function waitForRun(
  queues: QueueSet,
  runId: string,
  onProgress?: RunProgress,
): Promise<RunSummary> {
  const queue = queues.queue(RUN_QUEUE);
  const events = await queues.queueEvents(RUN_QUEUE);
  if (onProgress) await followStages(queues, runId, onProgress);

  const job = await BullJob.fromId(queue, runId);
  if (!job) throw new CrmMlError('run_not_found', `No run '${runId}' in the queue`);
  // The run's end is an event: a Redis that restarts empty, or stays down, would never send it.
  const lost = new AbortController();
  const watch = { giveUpAfterMs: REDIS_SILENCE_MS };
  try {
    const finished = job.waitUntilFinished(events) as Promise<RunSummary>;
    return await Promise.race([finished, whenLost(queue, runId, lost, watch)]);
  } catch (error) {
    if (error instanceof CrmMlError && LOST.has(error.code)) throw error;
    throw fromFailedJob(await BullJob.fromId(queue, runId), error);
  } finally {
    lost.abort();
  }
}

// A person waiting for a run hears that Redis is gone after this long, not never.
const REDIS_SILENCE_MS = 60_000;
const LOST = new Set(['job_lost', 'redis_unreachable']);

async function followStages(queues: QueueSet, runId: string, report: RunProgress): Promise<void> {
  for (const kind of STAGE_KINDS) {
    const events = await queues.queueEvents(kind);
    events.on('progress', ({ jobId, data }) => {
      const progress = data as Partial<StageProgressData>;
      if (!jobId.startsWith(`${runId}.`)) return;
      if (typeof progress.done === 'number' && typeof progress.total === 'number') {
        report(kind, progress.done, progress.total);
      }
    });
  }
}
