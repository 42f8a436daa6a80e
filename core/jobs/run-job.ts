import type { Job as BullJob } from 'bullmq';

import type { ChangedRecords, ContextResolver } from '../pipeline/pipeline-jobs.js';
import { runPipeline, type RunSummary } from '../pipeline/run-pipeline.js';
import type { BullmqRunner } from './bullmq-runner.js';
import type { StoreStamp } from './store-guard.js';
import type { StageProcessorFn } from './stage-worker.js';

/** What a run job on the `run` queue carries. */
export interface RunJobData extends StoreStamp {
  connectionId: string;
  forceTrain: boolean;
  /** Set by `enqueueRun`; scheduled runs take their id from the job. */
  runId?: string;
  /** The store's row of the run, when whoever enqueued it recorded it (the API does). */
  storeRunId?: number;
  /** Records a CRM webhook named: the run reads and rescores only these. */
  changes?: ChangedRecords;
}

/** The run id of a run job: the one it was given, else its job id made safe for stage ids. */
export function runIdOf(bullJob: BullJob): string {
  const data = bullJob.data as RunJobData;
  return data.runId ?? String(bullJob.id).replaceAll(':', '-');
}

/**
 * Drives one run: the pipeline's stages as jobs on their own queues, awaited in order. If
 * the worker holding a run dies, another takes the run over and finds the stages already
 * finished (their job ids derive from the run id), so it resumes instead of starting again.
 */
export function runJobProcessor(resolve: ContextResolver, stages: BullmqRunner): StageProcessorFn {
  return async (bullJob) => {
    const data = bullJob.data as RunJobData;
    const runId = runIdOf(bullJob);
    const context = await resolve(data.connectionId);

    // The run "starts" when it was enqueued, also when resumed: scoring picks records changed
    // since then, which includes those a first, interrupted attempt synced.
    const enqueuedAt = new Date(bullJob.timestamp);
    let first = true;
    const now = (): Date => {
      if (!first) return new Date();
      first = false;
      return enqueuedAt;
    };

    const summary = await runPipeline({ ...context, now }, stages.forRun(runId), {
      forceTrain: data.forceTrain,
      runId,
      ...(data.storeRunId === undefined ? {} : { storeRunId: data.storeRunId }),
      ...(data.changes === undefined ? {} : { changes: data.changes }),
    });
    const result: RunSummary = { ...summary, runId };
    return result;
  };
}
